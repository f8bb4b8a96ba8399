package io.storefront.order;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
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
        return sql.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT request_hash, order_id FROM idempotency_key WHERE customer_id = ? AND idempotency_key = ?")) {
                select.setObject(1, customerId);
                select.setString(2, key);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new StoredKey(rows.getString(1), rows.getObject(2, UUID.class)))
                            : Optional.<StoredKey>empty();
                }
            }
        });
    }

    void storeIdempotencyKey(UUID customerId, String key, String requestHash, UUID orderId, Instant now) {
        sql.runAfterFlush(connection -> Sql.update(connection, """
                INSERT INTO idempotency_key (customer_id, idempotency_key, request_hash, order_id, created_at)
                VALUES (?, ?, ?, ?, ?)""", customerId, key, requestHash, orderId, now.atOffset(ZoneOffset.UTC)));
    }

    void insertLines(UUID orderId, List<ReservedLine> lines) {
        sql.runAfterFlush(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO order_line (order_id, item_id, quantity, unit_price_amount)
                    SELECT ?, * FROM unnest(?::uuid[], ?::int[], ?::bigint[])""")) {
                insert.setObject(1, orderId);
                insert.setArray(2, Sql.uuids(connection, lines.stream().map(ReservedLine::itemId).toList()));
                insert.setArray(3, Sql.ints(connection, lines.stream().map(ReservedLine::quantity).toList()));
                insert.setArray(4, connection.createArrayOf("int8",
                        lines.stream().map(ReservedLine::unitPriceAmount).toArray()));
                return insert.executeUpdate();
            }
        });
    }

    /** Ordered quantity per item of one order. */
    Map<UUID, Integer> quantities(UUID orderId) {
        return sql.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT item_id, quantity FROM order_line WHERE order_id = ? ORDER BY item_id")) {
                select.setObject(1, orderId);
                Map<UUID, Integer> quantities = new LinkedHashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        quantities.put(rows.getObject(1, UUID.class), rows.getInt(2));
                    }
                }
                return quantities;
            }
        });
    }

    /** Full views of the given orders, in the given order: orders, their lines, their shipments. */
    List<OrderView> views(List<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        return sql.run(connection -> {
            Map<UUID, List<OrderView.Line>> lines = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT l.order_id, l.item_id, l.quantity, l.unit_price_amount, o.currency
                    FROM order_line l JOIN customer_order o ON o.id = l.order_id
                    WHERE l.order_id = ANY (?) ORDER BY l.order_id, l.item_id""")) {
                select.setArray(1, Sql.uuids(connection, orderIds));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        lines.computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>())
                                .add(new OrderView.Line(rows.getObject(2, UUID.class), rows.getInt(3),
                                        Money.of(rows.getLong(4), rows.getString(5))));
                    }
                }
            }
            Map<UUID, List<OrderView.Shipment>> shipments = this.shipments.of(orderIds);
            Map<UUID, OrderView> views = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, status, total_amount, currency, shipping_address::text, created_at
                    FROM customer_order WHERE id = ANY (?)""")) {
                select.setArray(1, Sql.uuids(connection, orderIds));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject(1, UUID.class);
                        views.put(id, new OrderView(id, OrderStatus.valueOf(rows.getString(2)),
                                lines.getOrDefault(id, List.of()), Money.of(rows.getLong(3), rows.getString(4)),
                                address(rows.getString(5)), rows.getObject(6, OffsetDateTime.class).toInstant(),
                                shipments.getOrDefault(id, List.of())));
                    }
                }
            }
            return orderIds.stream().map(views::get).filter(java.util.Objects::nonNull).toList();
        });
    }

    /** One page of a customer's orders, newest first, after the (createdAt, id) of the previous page's last. */
    List<UUID> page(UUID customerId, Instant afterCreatedAt, UUID afterId, int limit) {
        return sql.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id FROM customer_order
                    WHERE customer_id = ? AND (?::timestamptz IS NULL OR (created_at, id) < (?, ?::uuid))
                    ORDER BY created_at DESC, id DESC LIMIT ?""")) {
                OffsetDateTime after = afterCreatedAt == null ? null : afterCreatedAt.atOffset(ZoneOffset.UTC);
                select.setObject(1, customerId);
                select.setObject(2, after);
                select.setObject(3, after);
                select.setObject(4, afterId);
                select.setInt(5, limit);
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }

    String toJson(Object value) {
        return json.write(value);
    }

    Address address(String text) {
        return json.read(text, Address.class);
    }
}
