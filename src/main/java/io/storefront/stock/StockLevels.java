package io.storefront.stock;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.shared.db.Sql;

/** Reads of stock, for the features that show it; every change goes through {@link StockMoves}. */
@ApplicationScoped
public class StockLevels {

    @Inject
    Sql sql;

    /** One warehouse's available stock of one item. */
    public record Available(UUID warehouseId, UUID itemId, int quantity) {
    }

    /**
     * A SQL expression for the aggregated stock of the item whose id is in {@code itemIdColumn} (0 without a stock
     * row), for features that show stock beside their own rows in one statement (a search page, a cart).
     */
    public static String aggregatedOf(String itemIdColumn) {
        return "coalesce((SELECT s.aggregated FROM item_stock s WHERE s.item_id = " + itemIdColumn + "), 0)";
    }

    /** Every (warehouse, item) row with available stock of the given items, by warehouse: assignment's candidates. */
    public List<Available> availableOf(Collection<UUID> itemIds) {
        return sql.list("""
                SELECT warehouse_id, item_id, available FROM warehouse_stock
                WHERE item_id = ANY (?) AND available > 0 ORDER BY warehouse_id, item_id""",
                row -> new Available(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getInt(3)),
                Sql.array("uuid", itemIds));
    }

    /** Current aggregated stock of the given items (items without a stock row are absent). */
    public Map<UUID, Integer> aggregated(Collection<UUID> itemIds) {
        if (itemIds.isEmpty()) {
            return Map.of();
        }
        return sql.map("SELECT item_id, aggregated FROM item_stock WHERE item_id = ANY (?)",
                row -> row.getObject(1, UUID.class), row -> row.getInt(2), Sql.array("uuid", itemIds));
    }

    /** A page of one warehouse's stock, by item id, after {@code afterItemId} (null: from the start). */
    public List<WarehouseStockLevel> warehousePage(UUID warehouseId, UUID afterItemId, int limit) {
        return sql.list("""
                SELECT item_id, physical, available FROM warehouse_stock
                WHERE warehouse_id = ? AND (?::uuid IS NULL OR item_id > ?)
                ORDER BY item_id LIMIT ?""",
                row -> new WarehouseStockLevel(row.getObject(1, UUID.class), row.getInt(2), row.getInt(3)),
                warehouseId, afterItemId, afterItemId, limit);
    }
}
