package io.storefront.warehouse.orders;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.order.OrderView;
import io.storefront.order.Shipments;
import io.storefront.shared.db.Sql;

/** The warehouse orders of customer orders, as an order view lists them. */
@ApplicationScoped
class OrderShipments implements Shipments {

    @Inject
    Sql sql;

    @Override
    public Map<UUID, List<OrderView.Shipment>> of(Collection<UUID> orderIds) {
        Map<UUID, Map<UUID, OrderView.Shipment>> byOrder = new LinkedHashMap<>();
        sql.list("""
                SELECT w.order_id, w.id, w.warehouse_id, w.status, l.item_id, l.quantity
                FROM warehouse_order w JOIN warehouse_order_line l ON l.warehouse_order_id = w.id
                WHERE w.order_id = ANY (?) ORDER BY w.order_id, w.created_at, w.id, l.item_id""", row -> {
                    UUID warehouseId = row.getObject(3, UUID.class);
                    String status = row.getString(4);
                    return byOrder.computeIfAbsent(row.getObject(1, UUID.class), id -> new LinkedHashMap<>())
                            .computeIfAbsent(row.getObject(2, UUID.class),
                                    id -> new OrderView.Shipment(id, warehouseId, status, new ArrayList<>()))
                            .lines().add(new OrderView.ShipmentLine(row.getObject(5, UUID.class), row.getInt(6)));
                }, Sql.array("uuid", orderIds));
        Map<UUID, List<OrderView.Shipment>> shipments = new LinkedHashMap<>();
        byOrder.forEach((orderId, byId) -> shipments.put(orderId, List.copyOf(byId.values())));
        return shipments;
    }
}
