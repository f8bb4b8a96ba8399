package io.storefront.stock;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.shared.Sql;

/** Reads of stock, for the features that show it; every change goes through {@link StockMoves}. */
@ApplicationScoped
public class StockLevels {

    @Inject
    Sql sql;

    /** Current aggregated stock of the given items (items without a stock row are absent). */
    public Map<UUID, Integer> aggregated(Collection<UUID> itemIds) {
        if (itemIds.isEmpty()) {
            return Map.of();
        }
        return sql.run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT item_id, aggregated FROM item_stock WHERE item_id = ANY (?)")) {
                statement.setArray(1, Sql.uuids(connection, itemIds));
                Map<UUID, Integer> levels = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        levels.put(rows.getObject(1, UUID.class), rows.getInt(2));
                    }
                }
                return levels;
            }
        });
    }

    /** A page of one warehouse's stock, by item id, after {@code afterItemId} (null: from the start). */
    public List<WarehouseStockLevel> warehousePage(UUID warehouseId, UUID afterItemId, int limit) {
        return sql.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT item_id, physical, available FROM warehouse_stock
                    WHERE warehouse_id = ? AND (?::uuid IS NULL OR item_id > ?)
                    ORDER BY item_id LIMIT ?""")) {
                select.setObject(1, warehouseId);
                select.setObject(2, afterItemId);
                select.setObject(3, afterItemId);
                select.setInt(4, limit);
                List<WarehouseStockLevel> levels = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        levels.add(new WarehouseStockLevel(rows.getObject(1, UUID.class), rows.getInt(2),
                                rows.getInt(3)));
                    }
                }
                return levels;
            }
        });
    }
}
