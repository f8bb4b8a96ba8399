package io.storefront.order;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import io.storefront.checkout.ReservedLine;
import io.storefront.shared.db.Json;
import io.storefront.shared.web.Address;
import io.storefront.shared.web.Money;
import io.storefront.shared.db.Sql;

/**
 * The SQL side of orders: their lines, idempotency keys, and the views read for history and detail, set-wise so
 * that a page of orders is three queries whatever its size.
 */
@ApplicationScoped
class OrderRecords {

    @Inject
    Shipments shipments;

    @Inject
    Sql sql;

    @Inject
    Json json;

    record StoredKey(String requestHash, UUID orderId) {
    }

    Optional<StoredKey> idempotencyKey(UUID customerId, String key) {
        return sql.optional(
                "SELECT request_hash, order_id FROM idempotency_key WHERE customer_id = ? AND idempotency_key = ?",
                row -> new StoredKey(row.getString(1), row.getObject(2, UUID.class)), customerId, key);
    }

    void storeIdempotencyKey(UUID customerId, String key, String requestHash, UUID orderId, Instant now) {
        sql.update("""
                INSERT INTO idempotency_key (customer_id, idempotency_key, request_hash, order_id, created_at)
                VALUES (?, ?, ?, ?, ?)""", customerId, key, requestHash, orderId, now);
    }

    /** Whether an order holds this payment authorization (found through {@code customer_order_payment_idx}). */
    boolean holdsPayment(String paymentReference) {
        return sql.one("SELECT EXISTS (SELECT 1 FROM customer_order WHERE payment_reference = ?)",
                row -> row.getBoolean(1), paymentReference);
    }

    /** A new order's row, written at once (plain SQL: the submit path keeps no entity to flush). */
    void insertOrder(CustomerOrder order) {
        sql.update("""
                INSERT INTO customer_order (id, customer_id, checkout_id, status, total_amount, currency,
                    shipping_address, payment_reference, created_at, updated_at, next_assignment_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)""",
                order.id, order.customerId, order.checkoutId, order.status.name(), order.totalAmount, order.currency,
                order.shippingAddress, order.paymentReference, order.createdAt, order.updatedAt,
                order.nextAssignmentAt);
    }

    void insertLines(UUID orderId, List<ReservedLine> lines) {
        sql.update("""
                INSERT INTO order_line (order_id, item_id, quantity, unit_price_amount)
                SELECT ?, * FROM unnest(?::uuid[], ?::int[], ?::bigint[])""",
                orderId,
                Sql.array("uuid", lines.stream().map(ReservedLine::itemId).toList()),
                Sql.array("int4", lines.stream().map(ReservedLine::quantity).toList()),
                Sql.array("int8", lines.stream().map(ReservedLine::unitPriceAmount).toList()));
    }

    /** Ordered quantity per item of one order. */
    Map<UUID, Integer> quantities(UUID orderId) {
        Map<UUID, Integer> quantities = new LinkedHashMap<>();
        quantities.putAll(sql.map("SELECT item_id, quantity FROM order_line WHERE order_id = ? ORDER BY item_id",
                row -> row.getObject(1, UUID.class), row -> row.getInt(2), orderId));
        return quantities;
    }

    /** Full views of the given orders, in the given order: orders, their lines, their shipments. */
    List<OrderView> views(List<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<OrderView.Line>> lines = new LinkedHashMap<>();
        sql.list("""
                SELECT l.order_id, l.item_id, l.quantity, l.unit_price_amount, o.currency
                FROM order_line l JOIN customer_order o ON o.id = l.order_id
                WHERE l.order_id = ANY (?) ORDER BY l.order_id, l.item_id""",
                row -> lines.computeIfAbsent(row.getObject(1, UUID.class), id -> new ArrayList<>())
                        .add(new OrderView.Line(row.getObject(2, UUID.class), row.getInt(3),
                                Money.of(row.getLong(4), row.getString(5)))),
                Sql.array("uuid", orderIds));
        Map<UUID, List<OrderView.Shipment>> shipments = this.shipments.of(orderIds);
        Map<UUID, OrderView> views = new LinkedHashMap<>();
        sql.list("""
                SELECT o.id, o.status, o.total_amount, o.currency, o.shipping_address::text, o.created_at,
                       CASE WHEN o.payment_reference IS NULL THEN NULL
                            WHEN v.voided_at IS NOT NULL THEN 'VOIDED'
                            WHEN v.order_id IS NOT NULL THEN 'VOID_PENDING'
                            ELSE 'AUTHORIZED' END
                FROM customer_order o LEFT JOIN payment_void v ON v.order_id = o.id
                WHERE o.id = ANY (?)""",
                row -> {
                    UUID id = row.getObject(1, UUID.class);
                    return views.put(id, new OrderView(id, OrderStatus.valueOf(row.getString(2)),
                            lines.getOrDefault(id, List.of()), Money.of(row.getLong(3), row.getString(4)),
                            address(row.getString(5)), row.getObject(6, OffsetDateTime.class).toInstant(),
                            shipments.getOrDefault(id, List.of()), row.getString(7)));
                },
                Sql.array("uuid", orderIds));
        return orderIds.stream().map(views::get).filter(java.util.Objects::nonNull).toList();
    }

    /** One page of a customer's orders, newest first, after the (createdAt, id) of the previous page's last. */
    List<UUID> page(UUID customerId, Instant afterCreatedAt, UUID afterId, int limit) {
        return sql.list("""
                SELECT id FROM customer_order
                WHERE customer_id = ? AND (?::timestamptz IS NULL OR (created_at, id) < (?, ?::uuid))
                ORDER BY created_at DESC, id DESC LIMIT ?""",
                row -> row.getObject(1, UUID.class), customerId, afterCreatedAt, afterCreatedAt, afterId, limit);
    }

    String toJson(Object value) {
        return json.write(value);
    }

    Address address(String text) {
        return json.read(text, Address.class);
    }
}
