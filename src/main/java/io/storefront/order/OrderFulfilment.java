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
     * Stock of this item arrived (and is committed): PLACED orders waiting for it are tried again at once, not
     * after their backoff. Called in a transaction that holds no stock rows, it waits for an order being assigned
     * at this moment: that assignment may have read the stock before the receipt committed and be about to put
     * the order back for later, so the order is looked at again once it is released (a receipt never misses it).
     * The orders are locked in id order, so that concurrent wake-ups cannot deadlock.
     *
     * @return the PLACED orders of the item, now due
     */
    public int wakeOrdersWaitingFor(UUID itemId) {
        Instant now = clock.instant();
        // No "next_assignment_at > now" filter: an order claimed right now is still due in this statement's
        // snapshot; the condition is re-checked on its latest version once its assignment has committed.
        return sql.run(connection -> Sql.update(connection, """
                WITH waiting AS (
                    SELECT o.id FROM customer_order o
                    WHERE o.status = 'PLACED'
                      AND EXISTS (SELECT 1 FROM order_line l WHERE l.order_id = o.id AND l.item_id = ?)
                    ORDER BY o.id FOR UPDATE OF o)
                UPDATE customer_order o SET next_assignment_at = least(o.next_assignment_at, ?)
                FROM waiting w WHERE o.id = w.id AND o.status = 'PLACED'""",
                itemId, now));
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
