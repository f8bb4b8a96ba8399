package io.storefront.warehouse.orders;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import io.storefront.stock.StockDelta;
import io.storefront.shared.db.Json;
import io.storefront.shared.web.Address;
import io.storefront.shared.db.Sql;

/** Warehouse order lines and views, read set-wise (a page of warehouse orders is two queries). */
@ApplicationScoped
class WarehouseOrderRecords {

    @Inject
    Sql sql;

    @Inject
    Json json;

    void insertLines(UUID warehouseOrderId, Map<UUID, Integer> lines) {
        sql.runAfterFlush(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO warehouse_order_line (warehouse_order_id, item_id, quantity)
                    SELECT ?, * FROM unnest(?::uuid[], ?::int[])""")) {
                insert.setObject(1, warehouseOrderId);
                insert.setArray(2, Sql.uuids(connection, lines.keySet()));
                insert.setArray(3, Sql.ints(connection, lines.values()));
                return insert.executeUpdate();
            }
        });
    }

    List<StockDelta> deltas(WarehouseOrder order) {
        return lines(List.of(order.id)).getOrDefault(order.id, List.of()).stream()
                .map(line -> new StockDelta(line.itemId(), order.warehouseId, line.quantity())).toList();
    }

    Map<UUID, List<WarehouseOrderView.Line>> lines(List<UUID> warehouseOrderIds) {
        return sql.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT warehouse_order_id, item_id, quantity FROM warehouse_order_line
                    WHERE warehouse_order_id = ANY (?) ORDER BY warehouse_order_id, item_id""")) {
                select.setArray(1, Sql.uuids(connection, warehouseOrderIds));
                Map<UUID, List<WarehouseOrderView.Line>> lines = new LinkedHashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        lines.computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>())
                                .add(new WarehouseOrderView.Line(rows.getObject(2, UUID.class), rows.getInt(3)));
                    }
                }
                return lines;
            }
        });
    }

    /** A page of one warehouse's orders in one status, oldest first, after (createdAt, id). */
    List<WarehouseOrderView> page(UUID warehouseId, WarehouseOrderStatus status, Instant afterCreatedAt, UUID afterId,
            int limit) {
        List<WarehouseOrderView> heads = sql.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT w.id, w.order_id, w.status, o.shipping_address::text, w.created_at
                    FROM warehouse_order w JOIN customer_order o ON o.id = w.order_id
                    WHERE w.warehouse_id = ? AND w.status = ?
                      AND (?::timestamptz IS NULL OR (w.created_at, w.id) > (?, ?::uuid))
                    ORDER BY w.created_at, w.id LIMIT ?""")) {
                OffsetDateTime after = afterCreatedAt == null ? null : afterCreatedAt.atOffset(ZoneOffset.UTC);
                select.setObject(1, warehouseId);
                select.setString(2, status.name());
                select.setObject(3, after);
                select.setObject(4, after);
                select.setObject(5, afterId);
                select.setInt(6, limit);
                List<WarehouseOrderView> views = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        views.add(new WarehouseOrderView(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                                warehouseId, WarehouseOrderStatus.valueOf(rows.getString(3)), List.of(),
                                address(rows.getString(4)), rows.getObject(5, OffsetDateTime.class).toInstant()));
                    }
                }
                return views;
            }
        });
        return withLines(heads);
    }

    WarehouseOrderView view(WarehouseOrder order) {
        String address = sql.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT shipping_address::text FROM customer_order WHERE id = ?")) {
                select.setObject(1, order.orderId);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            }
        });
        return withLines(List.of(new WarehouseOrderView(order.id, order.orderId, order.warehouseId, order.status,
                List.of(), address(address), order.createdAt))).get(0);
    }

    private List<WarehouseOrderView> withLines(List<WarehouseOrderView> heads) {
        if (heads.isEmpty()) {
            return heads;
        }
        Map<UUID, List<WarehouseOrderView.Line>> lines = lines(heads.stream().map(WarehouseOrderView::id).toList());
        return heads.stream().map(head -> new WarehouseOrderView(head.id(), head.parentOrderId(), head.warehouseId(),
                head.status(), lines.getOrDefault(head.id(), List.of()), head.shippingAddress(), head.createdAt()))
                .toList();
    }

    private Address address(String text) {
        return json.read(text, Address.class);
    }
}
