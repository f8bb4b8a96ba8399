package io.storefront.warehouse.assignment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.storefront.stock.StockLevels;
import io.storefront.stock.StockMoves;
import io.storefront.stock.StockDelta;
import io.storefront.order.OrderFulfilment;
import io.storefront.shared.db.Json;
import io.storefront.shared.web.Address;
import io.storefront.shared.ShopConfig;
import io.storefront.shared.db.Sql;
import io.storefront.shared.db.Transactions;
import io.storefront.warehouse.orders.WarehouseOrderService;

/**
 * Assigns one PLACED order per transaction: claims it ({@code FOR UPDATE SKIP LOCKED}, so workers on any number of
 * replicas never take the same order), asks the {@link WarehouseAssigner} for a plan on the stock it sees, and
 * applies the plan with conditional decrements of available stock. If stock moved meanwhile the decrement
 * fails, the transaction rolls back and the plan is made again; an order nothing can serve waits with backoff.
 */
@ApplicationScoped
public class AssignmentService {

    private static final int PLAN_ATTEMPTS = 3;

    @Inject
    OrderFulfilment fulfilment;

    @Inject
    WarehouseAssigner assigner;

    @Inject
    StockMoves stock;

    @Inject
    StockLevels levels;

    @Inject
    WarehouseOrderService warehouseOrders;

    @Inject
    Sql sql;

    @Inject
    Json json;

    @Inject
    ShopConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Clock clock;

    /** The plan did not fit the stock any more when applied. */
    static final class StalePlanException extends RuntimeException {
        final UUID orderId;

        StalePlanException(UUID orderId) {
            super("Stock moved between planning and applying", null, false, false);
            this.orderId = orderId;
        }
    }

    /** Assigning this order failed for a reason other than stock: it must not block the orders behind it. */
    static final class AssignmentFailedException extends RuntimeException {
        final UUID orderId;

        AssignmentFailedException(UUID orderId, RuntimeException cause) {
            super("Assigning order " + orderId + " failed", cause);
            this.orderId = orderId;
        }
    }

    enum Outcome {
        NOTHING_DUE, ASSIGNED, WAITING
    }

    /** What one transaction did, recorded in metrics only once it has committed. */
    private record Attempt(Outcome outcome, Duration latency) {
    }

    /** Assigns the next due order, if any. */
    public Outcome assignNext() {
        for (int attempt = 1;; attempt++) {
            boolean lastAttempt = attempt >= PLAN_ATTEMPTS;
            try {
                Attempt done = Transactions.retrying("Order assignment", () -> assignNextInTransaction());
                if (done.outcome() == Outcome.ASSIGNED) {
                    metrics.timer("shop.assignment.latency").record(done.latency());
                    metrics.counter("shop.orders", "status", "ASSIGNED").increment();
                } else if (done.outcome() == Outcome.WAITING) {
                    metrics.counter("shop.assignment.failures", "reason", "no-stock").increment();
                }
                return done.outcome();
            } catch (AssignmentFailedException e) {
                metrics.counter("shop.assignment.failures", "reason", "error").increment();
                Log.errorf(e.getCause(), "Assigning order %s failed; it is retried later, other orders go first",
                        e.orderId);
                Transactions.retrying("Order assignment deferral",
                        () -> fulfilment.retryLater(e.orderId, config.assignment().retryBase()));
                return Outcome.WAITING;
            } catch (StalePlanException e) {
                if (lastAttempt) {
                    metrics.counter("shop.assignment.failures", "reason", "stale-plan").increment();
                    // Heavy contention on this order's stock: let other orders go first, try again shortly.
                    Transactions.retrying("Order assignment deferral",
                            () -> fulfilment.retryLater(e.orderId, config.assignment().retryBase()));
                    return Outcome.WAITING;
                }
                Log.debugf("Assignment plan for order %s went stale, planning again", e.orderId);
            }
        }
    }

    private Attempt assignNextInTransaction() {
        Optional<OrderFulfilment.Claimed> claimed = fulfilment.claimNextDue();
        if (claimed.isEmpty()) {
            return new Attempt(Outcome.NOTHING_DUE, Duration.ZERO);
        }
        try {
            return assign(claimed.get());
        } catch (StalePlanException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Transactions.isTransient(e)) {
                throw e;
            }
            throw new AssignmentFailedException(claimed.get().orderId(), e);
        }
    }

    private Attempt assign(OrderFulfilment.Claimed order) {
        List<WarehouseAssigner.Candidate> candidates = candidates(order.lines().keySet());
        Optional<WarehouseAssigner.Plan> plan = assigner.plan(new WarehouseAssigner.Request(order.orderId(),
                order.lines(), order.shippingAddress(), candidates));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (plan.isEmpty()) {
            Duration wait = backoff(order.attempts());
            fulfilment.deferAssignment(order.orderId(), decision("waiting-for-stock", Map.of(), candidates, List.of(),
                    now), wait);
            Log.infof("Order %s cannot be served by any warehouse yet; trying again in %s or when stock arrives",
                    order.orderId(), wait);
            return new Attempt(Outcome.WAITING, Duration.ZERO);
        }
        List<StockDelta> deltas = new ArrayList<>();
        plan.get().shipments().forEach(shipment -> shipment.lines()
                .forEach((item, quantity) -> deltas.add(new StockDelta(item, shipment.warehouseId(), quantity))));
        if (!covers(order.lines(), deltas) || !stock.promise(deltas)) {
            throw new StalePlanException(order.orderId());
        }
        for (WarehouseAssigner.Shipment shipment : plan.get().shipments()) {
            warehouseOrders.create(order.orderId(), shipment.warehouseId(), shipment.lines(), now);
        }
        fulfilment.markAssigned(order.orderId(), decision(plan.get().rule(), plan.get().explanation(), candidates,
                plan.get().shipments(), now));
        Log.debugf("Order %s assigned to %d warehouse(s) by rule %s", order.orderId(), plan.get().shipments().size(),
                plan.get().rule());
        return new Attempt(Outcome.ASSIGNED, Duration.between(order.placedAt(), now).abs());
    }

    /** Every warehouse holding any of the items, with its available stock of them. */
    private List<WarehouseAssigner.Candidate> candidates(java.util.Set<UUID> items) {
        List<StockLevels.Available> available = levels.availableOf(items);
        if (available.isEmpty()) {
            return List.of();
        }
        Map<UUID, WarehouseAssigner.Candidate> byWarehouse = sql.map(
                "SELECT id, address::text, latitude, longitude FROM warehouse WHERE id = ANY (?) ORDER BY id",
                row -> row.getObject(1, UUID.class),
                row -> new WarehouseAssigner.Candidate(row.getObject(1, UUID.class),
                        json.read(row.getString(2), Address.class), row.getObject(3) == null ? null : row.getDouble(3),
                        row.getObject(4) == null ? null : row.getDouble(4), new HashMap<>()),
                Sql.array("uuid", available.stream().map(StockLevels.Available::warehouseId).distinct().toList()));
        available.forEach(row -> byWarehouse.get(row.warehouseId()).available().put(row.itemId(), row.quantity()));
        return List.copyOf(byWarehouse.values());
    }

    /** A plan from another strategy is checked: it must ship exactly the ordered quantities. */
    private static boolean covers(Map<UUID, Integer> lines, List<StockDelta> deltas) {
        Map<UUID, Integer> planned = new HashMap<>();
        deltas.forEach(delta -> planned.merge(delta.itemId(), delta.quantity(), Integer::sum));
        long distinctPairs = deltas.stream().map(d -> d.itemId() + "/" + d.warehouseId()).distinct().count();
        return planned.equals(lines) && distinctPairs == deltas.size()
                && deltas.stream().allMatch(delta -> delta.quantity() > 0);
    }

    private Duration backoff(int attempts) {
        Duration base = config.assignment().retryBase();
        Duration max = config.assignment().retryMax();
        Duration wait = base.multipliedBy(1L << Math.min(attempts, 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private String decision(String rule, Map<String, Object> explanation, List<WarehouseAssigner.Candidate> candidates,
            List<WarehouseAssigner.Shipment> shipments, Instant now) {
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("rule", rule);
        decision.put("decidedAt", now.toString());
        decision.put("distances", explanation);
        decision.put("candidates", candidates.stream().map(c -> Map.of("warehouseId", c.warehouseId(),
                "available", c.available())).toList());
        decision.put("shipments", shipments);
        return json.write(decision);
    }


}
