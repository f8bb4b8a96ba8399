package io.storefront.warehouse;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.shared.Sql;

/**
 * Physical and available stock per (item, warehouse): set-based statements whose affected-row counts decide.
 * Rows are locked in (item, warehouse) order by a locking CTE before any of them changes, so that assignment,
 * cancellation and shipping never deadlock on each other.
 */
@ApplicationScoped
class WarehouseStock {

    /** A row of a warehouse's stock listing. */
    @RegisterForReflection
    record Level(UUID itemId, int physicalStock, int availableStock) {
    }

    private static final String CHANGE = """
            WITH d AS (SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::int[]) AS t(item_id, warehouse_id, quantity)),
                 locked AS (SELECT s.item_id, s.warehouse_id FROM warehouse_stock s
                            JOIN d ON d.item_id = s.item_id AND d.warehouse_id = s.warehouse_id
                            ORDER BY s.item_id, s.warehouse_id FOR UPDATE OF s)
            UPDATE warehouse_stock s SET %s, updated_at = now()
            FROM d
            WHERE s.item_id = d.item_id AND s.warehouse_id = d.warehouse_id
              AND (s.item_id, s.warehouse_id) IN (SELECT item_id, warehouse_id FROM locked)
              AND %s
            """;

    @Inject
    Sql sql;

    List<Level> page(UUID warehouseId, UUID afterItemId, int limit) {
        return sql.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT item_id, physical, available FROM warehouse_stock
                    WHERE warehouse_id = ? AND (?::uuid IS NULL OR item_id > ?)
                    ORDER BY item_id LIMIT ?""")) {
                select.setObject(1, warehouseId);
                select.setObject(2, afterItemId);
                select.setObject(3, afterItemId);
                select.setInt(4, limit);
                List<Level> levels = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        levels.add(new Level(rows.getObject(1, UUID.class), rows.getInt(2), rows.getInt(3)));
                    }
                }
                return levels;
            }
        });
    }

    /** A receipt: physical and available rise together. */
    Level receive(UUID itemId, UUID warehouseId, int quantity) {
        return sql.run(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO warehouse_stock (item_id, warehouse_id, physical, available, updated_at)
                    VALUES (?, ?, ?, ?, now())
                    ON CONFLICT (item_id, warehouse_id) DO UPDATE SET
                        physical = warehouse_stock.physical + excluded.physical,
                        available = warehouse_stock.available + excluded.available,
                        updated_at = excluded.updated_at
                    RETURNING physical, available""")) {
                upsert.setObject(1, itemId);
                upsert.setObject(2, warehouseId);
                upsert.setInt(3, quantity);
                upsert.setInt(4, quantity);
                try (ResultSet rows = upsert.executeQuery()) {
                    rows.next();
                    return new Level(itemId, rows.getInt(1), rows.getInt(2));
                }
            }
        });
    }

    /** A loss: physical and available fall together, only if that much is available (else empty). */
    java.util.Optional<Level> lose(UUID itemId, UUID warehouseId, int quantity) {
        return sql.run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE warehouse_stock SET physical = physical - ?, available = available - ?, updated_at = now()
                    WHERE item_id = ? AND warehouse_id = ? AND available >= ?
                    RETURNING physical, available""")) {
                update.setInt(1, quantity);
                update.setInt(2, quantity);
                update.setObject(3, itemId);
                update.setObject(4, warehouseId);
                update.setInt(5, quantity);
                try (ResultSet rows = update.executeQuery()) {
                    return rows.next() ? java.util.Optional.of(new Level(itemId, rows.getInt(1), rows.getInt(2)))
                            : java.util.Optional.<Level>empty();
                }
            }
        });
    }

    /** Promises stock to warehouse orders: all of it, or (returning false) none, the caller then rolls back. */
    boolean takeAvailable(List<StockDelta> deltas) {
        return change(deltas, "available = s.available - d.quantity", "s.available >= d.quantity") == deltas.size();
    }

    /** A cancelled warehouse order's promise ends: its stock is available again. */
    void returnAvailable(List<StockDelta> deltas) {
        if (change(deltas, "available = s.available + d.quantity", "TRUE") != deltas.size()) {
            throw new IllegalStateException("Warehouse stock rows are missing; nothing returned");
        }
    }

    /** Shipped goods leave the shelves: physical stock falls (available was already promised away). */
    boolean ship(List<StockDelta> deltas) {
        return change(deltas, "physical = s.physical - d.quantity", "s.physical - d.quantity >= s.available")
                == deltas.size();
    }

    private int change(List<StockDelta> deltas, String set, String condition) {
        if (deltas.isEmpty()) {
            return 0;
        }
        List<StockDelta> ordered = deltas.stream()
                .sorted(Comparator.comparing(StockDelta::itemId).thenComparing(StockDelta::warehouseId)).toList();
        return sql.runAfterFlush(connection -> execute(connection, CHANGE.formatted(set, condition), ordered));
    }

    private static int execute(Connection connection, String statementText, List<StockDelta> deltas)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(statementText)) {
            statement.setArray(1, Sql.uuids(connection, deltas.stream().map(StockDelta::itemId).toList()));
            statement.setArray(2, Sql.uuids(connection, deltas.stream().map(StockDelta::warehouseId).toList()));
            statement.setArray(3, Sql.ints(connection, deltas.stream().map(StockDelta::quantity).toList()));
            return statement.executeUpdate();
        }
    }
}
