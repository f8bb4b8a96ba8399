package io.storefront.stock;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.storefront.shared.db.Transactions;
import io.storefront.shared.db.Sql;

/**
 * Checks the conservation rules of DOMAIN.md over the whole database, in one repeatable-read snapshot so that
 * transactions committing meanwhile cannot show up as violations:
 * <ol>
 * <li>aggregated + reserved in ACTIVE checkouts + ordered in PLACED orders = Σ available over warehouses</li>
 * <li>per warehouse: physical = available + Σ quantities of its NEW/ACKNOWLEDGED warehouse orders</li>
 * <li>no stock number is negative (also CHECK constraints)</li>
 * <li>an assigned (or shipped) order's lines equal the sum of its non-cancelled warehouse orders' lines</li>
 * </ol>
 */
@ApplicationScoped
public class StockAudit {

    private static final String RULE_1 = """
            WITH reserved AS (
                SELECT l.item_id, sum(l.quantity) AS quantity FROM checkout_line l
                JOIN checkout c ON c.id = l.checkout_id WHERE c.status = 'ACTIVE' GROUP BY l.item_id),
            placed AS (
                SELECT l.item_id, sum(l.quantity) AS quantity FROM order_line l
                JOIN customer_order o ON o.id = l.order_id WHERE o.status = 'PLACED' GROUP BY l.item_id),
            available AS (
                SELECT item_id, sum(available) AS quantity FROM warehouse_stock GROUP BY item_id)
            SELECT s.item_id, s.aggregated, coalesce(r.quantity, 0), coalesce(p.quantity, 0), coalesce(a.quantity, 0)
            FROM item_stock s
            LEFT JOIN reserved r ON r.item_id = s.item_id
            LEFT JOIN placed p ON p.item_id = s.item_id
            LEFT JOIN available a ON a.item_id = s.item_id
            WHERE s.aggregated + coalesce(r.quantity, 0) + coalesce(p.quantity, 0) <> coalesce(a.quantity, 0)
            ORDER BY s.item_id
            """;

    private static final String RULE_2 = """
            WITH open_orders AS (
                SELECT w.warehouse_id, l.item_id, sum(l.quantity) AS quantity
                FROM warehouse_order w JOIN warehouse_order_line l ON l.warehouse_order_id = w.id
                WHERE w.status IN ('NEW', 'ACKNOWLEDGED') GROUP BY w.warehouse_id, l.item_id)
            SELECT coalesce(s.item_id, o.item_id), coalesce(s.warehouse_id, o.warehouse_id),
                   coalesce(s.physical, 0), coalesce(s.available, 0), coalesce(o.quantity, 0)
            FROM warehouse_stock s
            FULL JOIN open_orders o ON o.item_id = s.item_id AND o.warehouse_id = s.warehouse_id
            WHERE coalesce(s.physical, 0) <> coalesce(s.available, 0) + coalesce(o.quantity, 0)
            ORDER BY 1, 2
            """;

    private static final String RULE_3 = """
            SELECT item_id, NULL::uuid, 'aggregated', aggregated FROM item_stock WHERE aggregated < 0
            UNION ALL
            SELECT item_id, warehouse_id, 'physical', physical FROM warehouse_stock WHERE physical < 0
            UNION ALL
            SELECT item_id, warehouse_id, 'available', available FROM warehouse_stock WHERE available < 0
            """;

    private static final String RULE_4 = """
            WITH ordered AS (
                SELECT l.order_id, l.item_id, l.quantity FROM order_line l
                JOIN customer_order o ON o.id = l.order_id
                WHERE o.status IN ('ASSIGNED', 'PARTIALLY_SHIPPED', 'SHIPPED')),
            shipped AS (
                SELECT w.order_id, l.item_id, sum(l.quantity) AS quantity
                FROM warehouse_order w JOIN warehouse_order_line l ON l.warehouse_order_id = w.id
                JOIN customer_order o ON o.id = w.order_id
                WHERE w.status <> 'CANCELLED' AND o.status IN ('ASSIGNED', 'PARTIALLY_SHIPPED', 'SHIPPED')
                GROUP BY w.order_id, l.item_id)
            SELECT coalesce(o.order_id, s.order_id), coalesce(o.item_id, s.item_id),
                   coalesce(o.quantity, 0), coalesce(s.quantity, 0)
            FROM ordered o FULL JOIN shipped s ON s.order_id = o.order_id AND s.item_id = o.item_id
            WHERE coalesce(o.quantity, 0) <> coalesce(s.quantity, 0)
            ORDER BY 1, 2
            """;

    @Inject
    Sql sql;

    @RegisterForReflection
    public record Report(boolean ok, List<Map<String, Object>> violations) {
    }

    public Report run() {
        List<Map<String, Object>> violations = Transactions.reading(() -> sql.run(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
                // Over a large catalog the audit may take longer than the pool's limit for request statements.
                statement.execute("SET LOCAL statement_timeout = '5min'");
            }
            List<Map<String, Object>> found = new ArrayList<>();
            query(connection, RULE_1, rows -> found.add(violation(1, rows.getObject(1, UUID.class), null,
                    "aggregated + reserved + placed != sum of available",
                    Map.of("aggregated", rows.getInt(2), "reserved", rows.getInt(3), "placed", rows.getInt(4),
                            "available", rows.getInt(5)))));
            query(connection, RULE_2, rows -> found.add(violation(2, rows.getObject(1, UUID.class),
                    rows.getObject(2, UUID.class), "physical != available + open warehouse orders",
                    Map.of("physical", rows.getInt(3), "available", rows.getInt(4), "openWarehouseOrders",
                            rows.getInt(5)))));
            query(connection, RULE_3, rows -> found.add(violation(3, rows.getObject(1, UUID.class),
                    rows.getObject(2, UUID.class), rows.getString(3) + " stock is negative",
                    Map.of("value", rows.getInt(4)))));
            query(connection, RULE_4, rows -> {
                Map<String, Object> violation = violation(4, rows.getObject(2, UUID.class), null,
                        "order lines != non-cancelled warehouse order lines",
                        Map.of("ordered", rows.getInt(3), "inWarehouseOrders", rows.getInt(4)));
                violation.put("orderId", rows.getObject(1, UUID.class));
                found.add(violation);
            });
            return found;
        }));
        if (!violations.isEmpty()) {
            Log.warnf("Stock audit found %d violation(s) of the conservation rules", violations.size());
        }
        return new Report(violations.isEmpty(), violations);
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet rows) throws java.sql.SQLException;
    }

    private static void query(java.sql.Connection connection, String sql, RowHandler handler)
            throws java.sql.SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                handler.accept(rows);
            }
        }
    }

    private static Map<String, Object> violation(int rule, UUID itemId, UUID warehouseId, String detail,
            Map<String, Object> numbers) {
        Map<String, Object> violation = new LinkedHashMap<>();
        violation.put("rule", rule);
        violation.put("itemId", itemId);
        if (warehouseId != null) {
            violation.put("warehouseId", warehouseId);
        }
        violation.put("detail", detail);
        violation.putAll(numbers);
        return violation;
    }
}
