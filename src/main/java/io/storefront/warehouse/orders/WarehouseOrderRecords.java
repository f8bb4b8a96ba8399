package io.storefront.warehouse.orders;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import io.storefront.order.OrderFulfilment;
import io.storefront.stock.StockDelta;
import io.storefront.shared.web.Address;
import io.storefront.shared.db.Sql;

/** Warehouse order lines and views, read set-wise (a page of warehouse orders is two queries). */
@ApplicationScoped
class WarehouseOrderRecords {

    @Inject
    Sql sql;

    @Inject
    OrderFulfilment fulfilment;

    void insertLines(UUID warehouseOrderId, Map<UUID, Integer> lines) {
        sql.update("""
                INSERT INTO warehouse_order_line (warehouse_order_id, item_id, quantity)
                SELECT ?, * FROM unnest(?::uuid[], ?::int[])""",
                warehouseOrderId, Sql.array("uuid", lines.keySet()), Sql.array("int4", lines.values()));
    }

    List<StockDelta> deltas(WarehouseOrder order) {
        return lines(List.of(order.id)).getOrDefault(order.id, List.of()).stream()
                .map(line -> new StockDelta(line.itemId(), order.warehouseId, line.quantity())).toList();
    }

    Map<UUID, List<WarehouseOrderView.Line>> lines(List<UUID> warehouseOrderIds) {
        Map<UUID, List<WarehouseOrderView.Line>> lines = new LinkedHashMap<>();
        sql.list("""
                SELECT warehouse_order_id, item_id, quantity FROM warehouse_order_line
                WHERE warehouse_order_id = ANY (?) ORDER BY warehouse_order_id, item_id""",
                row -> lines.computeIfAbsent(row.getObject(1, UUID.class), id -> new ArrayList<>())
                        .add(new WarehouseOrderView.Line(row.getObject(2, UUID.class), row.getInt(3))),
                Sql.array("uuid", warehouseOrderIds));
        return lines;
    }

    /** A page of one warehouse's orders in one status, oldest first, after (createdAt, id). */
    List<WarehouseOrderView> page(UUID warehouseId, WarehouseOrderStatus status, Instant afterCreatedAt, UUID afterId,
            int limit) {
        List<WarehouseOrderView> heads = sql.list("""
                SELECT w.id, w.order_id, w.status, w.created_at
                FROM warehouse_order w
                WHERE w.warehouse_id = ? AND w.status = ?
                  AND (?::timestamptz IS NULL OR (w.created_at, w.id) > (?, ?::uuid))
                ORDER BY w.created_at, w.id LIMIT ?""",
                row -> new WarehouseOrderView(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        warehouseId, WarehouseOrderStatus.valueOf(row.getString(3)), List.of(), null,
                        row.getObject(4, OffsetDateTime.class).toInstant()),
                warehouseId, status.name(), afterCreatedAt, afterCreatedAt, afterId, limit);
        return complete(heads);
    }

    WarehouseOrderView view(WarehouseOrder order) {
        return complete(List.of(new WarehouseOrderView(order.id, order.orderId, order.warehouseId, order.status,
                List.of(), null, order.createdAt))).get(0);
    }

    /** The views with their lines and their orders' shipping addresses (two reads for any number of views). */
    private List<WarehouseOrderView> complete(List<WarehouseOrderView> heads) {
        if (heads.isEmpty()) {
            return heads;
        }
        Map<UUID, List<WarehouseOrderView.Line>> lines = lines(heads.stream().map(WarehouseOrderView::id).toList());
        Map<UUID, Address> addresses = fulfilment.shippingAddresses(
                heads.stream().map(WarehouseOrderView::parentOrderId).distinct().toList());
        return heads.stream().map(head -> new WarehouseOrderView(head.id(), head.parentOrderId(), head.warehouseId(),
                head.status(), lines.getOrDefault(head.id(), List.of()), addresses.get(head.parentOrderId()),
                head.createdAt()))
                .toList();
    }
}
