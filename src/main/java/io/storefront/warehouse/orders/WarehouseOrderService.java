package io.storefront.warehouse.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.storefront.stock.StockDelta;
import io.storefront.stock.StockMoves;
import io.storefront.order.OrderCancelled;
import io.storefront.order.OrderFulfilment;
import io.storefront.order.OrderStatus;
import io.storefront.shared.error.ApiException;
import io.storefront.shared.web.Page;
import io.storefront.shared.web.Paging;
import io.storefront.shared.db.Transactions;
import io.storefront.warehouse.notify.Outbox;

/**
 * Warehouse orders after assignment: pulled, acknowledged and shipped by their warehouse, or cancelled with their
 * customer order. Ship and cancel both lock the customer order first, then its warehouse orders, then stock
 * rows, so that exactly one of them wins and they never deadlock.
 */
@ApplicationScoped
public class WarehouseOrderService {

    @Inject
    WarehouseOrderRecords records;

    @Inject
    StockMoves stock;

    @Inject
    OrderFulfilment fulfilment;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    /** A warehouse order's notification body, as the webhook receives it. */
    @RegisterForReflection
    public record Notification(String eventType, WarehouseOrderView warehouseOrder) {
    }

    /** A NEW warehouse order with its lines, announced to its warehouse, in the assigning transaction. */
    public void create(UUID orderId, UUID warehouseId, Map<UUID, Integer> lines, Instant now) {
        WarehouseOrder order = WarehouseOrder.create(orderId, warehouseId, now);
        order.persist();
        records.insertLines(order.id, lines);
        announce(Outbox.WAREHOUSE_ORDER_CREATED, records.view(order));
    }

    public Page<WarehouseOrderView> list(UUID warehouseId, String status, int limit, String cursor) {
        WarehouseOrderStatus wanted;
        try {
            wanted = status == null ? WarehouseOrderStatus.NEW : WarehouseOrderStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("status", "'status' must be NEW, ACKNOWLEDGED, SHIPPED or CANCELLED");
        }
        Paging.TimeAndId after = Paging.timeAndId(cursor);
        List<WarehouseOrderView> rows = records.page(warehouseId, wanted, after == null ? null : after.time(),
                after == null ? null : after.id(), limit + 1);
        return Paging.page(rows, limit, last -> Paging.cursor(last.createdAt(), last.id()));
    }

    public WarehouseOrderView acknowledge(UUID warehouseId, UUID warehouseOrderId) {
        return Transactions.retrying("Warehouse order acknowledge", () -> {
            WarehouseOrder order = lockOwn(warehouseId, warehouseOrderId);
            order.acknowledge(now());
            return records.view(order);
        });
    }

    /** Ships a warehouse order: physical stock falls, the customer order becomes PARTIALLY_SHIPPED or SHIPPED. */
    public WarehouseOrderView ship(UUID warehouseId, UUID warehouseOrderId) {
        Shipped shipped = Transactions.retrying("Warehouse order ship", () -> {
            WarehouseOrder order = WarehouseOrder.findById(warehouseOrderId);
            if (order == null || !order.warehouseId.equals(warehouseId)) {
                throw ApiException.notFound("Warehouse order " + warehouseOrderId);
            }
            // The customer order first (as cancel does), then this row, re-read under its lock: a cancel may
            // have committed since it was first read.
            fulfilment.lock(order.orderId);
            WarehouseOrder.getEntityManager().refresh(order, LockModeType.PESSIMISTIC_WRITE);
            if (order.status == WarehouseOrderStatus.SHIPPED) {
                return new Shipped(records.view(order), null);
            }
            order.ship(now());
            if (!stock.ship(records.deltas(order))) {
                throw new IllegalStateException("Physical stock of warehouse order " + order.id + " is missing");
            }
            boolean allShipped = WarehouseOrder.count("orderId = ?1 and status in ?2", order.orderId,
                    List.of(WarehouseOrderStatus.NEW, WarehouseOrderStatus.ACKNOWLEDGED)) == 0;
            fulfilment.shipmentSent(order.orderId, allShipped);
            Log.infof("Warehouse order %s shipped from warehouse %s; order %s is %s", order.id, warehouseId,
                    order.orderId, allShipped ? "SHIPPED" : "PARTIALLY_SHIPPED");
            return new Shipped(records.view(order), allShipped ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED);
        });
        if (shipped.orderStatus() != null) {
            metrics.counter("shop.orders", "status", shipped.orderStatus().name()).increment();
        }
        return shipped.view();
    }

    /** A ship's outcome; {@code orderStatus} is null when it had shipped before (nothing changed). */
    private record Shipped(WarehouseOrderView view, OrderStatus orderStatus) {
    }

    /**
     * Cancels an order's open warehouse orders and returns their available stock, inside the cancelling
     * transaction (the order row is already locked). Refuses if any part has shipped.
     */
    void onOrderCancelled(@Observes OrderCancelled cancelled) {
        if (cancelled.previousStatus() == OrderStatus.PLACED) {
            return;
        }
        Instant now = now();
        List<WarehouseOrder> orders = WarehouseOrder.lockAllOf(cancelled.orderId());
        if (orders.stream().anyMatch(order -> order.status == WarehouseOrderStatus.SHIPPED)) {
            // CustomerOrder.cancel decides what can be cancelled: a shipment makes the order PARTIALLY_SHIPPED or
            // SHIPPED in the shipping transaction, under the order's lock, so an order it let through has none.
            throw new IllegalStateException("Order " + cancelled.orderId() + " was cancellable with a shipped part");
        }
        List<StockDelta> returned = new ArrayList<>();
        for (WarehouseOrder order : orders) {
            if (order.isOpen()) {
                order.cancel(now);
                returned.addAll(records.deltas(order));
                announce(Outbox.WAREHOUSE_ORDER_CANCELLED, records.view(order));
                Log.infof("Warehouse order %s cancelled with order %s", order.id, cancelled.orderId());
            }
        }
        // Every warehouse order's rows in one move: locked in the one (item, warehouse) order, not order by order.
        stock.unpromise(returned);
    }

    private void announce(String eventType, WarehouseOrderView view) {
        outbox.write(view.warehouseId(), view.id(), eventType, new Notification(eventType, view));
    }

    private WarehouseOrder lockOwn(UUID warehouseId, UUID warehouseOrderId) {
        WarehouseOrder order = WarehouseOrder.lock(warehouseOrderId);
        if (order == null || !order.warehouseId.equals(warehouseId)) {
            throw ApiException.notFound("Warehouse order " + warehouseOrderId);
        }
        return order;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
