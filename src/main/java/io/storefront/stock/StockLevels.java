package io.storefront.stock;

import java.util.Collection;
import java.util.HashMap;
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

    /** Current aggregated stock of the given items (items without a stock row are absent). */
    public Map<UUID, Integer> aggregated(Collection<UUID> itemIds) {
        if (itemIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Integer> levels = new HashMap<>();
        sql.list("SELECT item_id, aggregated FROM item_stock WHERE item_id = ANY (?)",
                row -> levels.put(row.getObject(1, UUID.class), row.getInt(2)), Sql.array("uuid", itemIds));
        return levels;
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
