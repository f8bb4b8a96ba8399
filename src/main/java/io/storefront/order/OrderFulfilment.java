package io.storefront.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.shared.web.Address;
import io.storefront.shared.db.Sql;

/**
 * What the warehouse side may do to orders: claim PLACED orders for assignment, record the outcome, and report
 * shipments. Every method runs inside the caller's transaction.
 */
@ApplicationScoped
public class OrderFulfilment {

    @Inject
    Sql sql;

    @Inject
    OrderRecords records;

    @Inject
    Clock clock;

    /** A PLACED order claimed for assignment: its row stays locked until the caller's transaction ends. */
    public record Claimed(UUID orderId, Map<UUID, Integer> lines, Address shippingAddress, Instant placedAt,
            int attempts) {
    }

    /**
     * Claims the PLACED order that has waited longest among those due, skipping orders that another worker (on
     * this or another replica) holds.
     */
    public Optional<Claimed> claimNextDue() {
        Instant now = clock.instant();
        Optional<UUID> claimed = sql.optional("""
                SELECT id FROM customer_order
                WHERE status = 'PLACED' AND next_assignment_at <= ?
                ORDER BY next_assignment_at LIMIT 1 FOR UPDATE SKIP LOCKED""",
                row -> row.getObject(1, UUID.class), now);
        return claimed.map(id -> {
            CustomerOrder order = CustomerOrder.findById(id);
            return new Claimed(id, records.quantities(id), records.address(order.shippingAddress), order.createdAt,
                    order.assignmentAttempts);
        });
    }

    public void markAssigned(UUID orderId, String decision) {
        CustomerOrder.<CustomerOrder>findById(orderId).assign(decision, clock.instant());
    }

    public void deferAssignment(UUID orderId, String decision, Duration wait) {
        Instant now = clock.instant();
        CustomerOrder.<CustomerOrder>findById(orderId).deferAssignment(decision, now.plus(wait), now);
    }

    /** Puts a PLACED order back in the queue for later, keeping its decision and attempts. */
    public void retryLater(UUID orderId, Duration wait) {
        Instant now = clock.instant();
        CustomerOrder order = CustomerOrder.lock(orderId).orElseThrow();
        if (order.status == OrderStatus.PLACED) {
            order.deferAssignment(order.assignmentDecision, now.plus(wait), now);
        }
    }

    /** Locks an order before its shipments change, so that ship and cancel take their locks in one order. */
    public OrderStatus lock(UUID orderId) {
        return CustomerOrder.lock(orderId).orElseThrow().status;
    }

    public void shipmentSent(UUID orderId, boolean allShipped) {
        CustomerOrder.<CustomerOrder>findById(orderId).shipmentSent(allShipped, clock.instant());
    }

    /**
     * Stock of this item arrived: PLACED orders waiting for it are tried again at once, not after their backoff.
     * Orders another transaction holds (being assigned or cancelled right now) are skipped, so a receipt never
     * waits on an order row while holding stock rows.
     */
    public int wakeOrdersWaitingFor(UUID itemId) {
        Instant now = clock.instant();
        return sql.run(connection -> Sql.update(connection, """
                UPDATE customer_order SET next_assignment_at = ?
                WHERE id IN (SELECT o.id FROM customer_order o JOIN order_line l ON l.order_id = o.id
                             WHERE l.item_id = ? AND o.status = 'PLACED' AND o.next_assignment_at > ?
                             FOR UPDATE OF o SKIP LOCKED)""",
                now, itemId, now));
    }

    public long waitingForAssignment() {
        return CustomerOrder.count("status", OrderStatus.PLACED);
    }

    /** How long ago the longest-overdue PLACED order became due for assignment; zero when none is overdue. */
    public Duration assignmentLag(Instant now) {
        double seconds = sql.one("""
                SELECT coalesce(extract(epoch FROM ?::timestamptz - min(next_assignment_at)), 0)
                FROM customer_order WHERE status = 'PLACED' AND next_assignment_at < ?""",
                row -> row.getDouble(1), now, now);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** The shipping address of each of the orders, for the warehouse orders that ship them. */
    public Map<UUID, Address> shippingAddresses(Collection<UUID> orderIds) {
        return sql.map("SELECT id, shipping_address::text FROM customer_order WHERE id = ANY (?)",
                row -> row.getObject(1, UUID.class), row -> records.address(row.getString(2)),
                Sql.array("uuid", orderIds));
    }
}
