package io.storefront.stock;

import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

/**
 * What {@link StockMoves#reserve} found and took.
 *
 * @param taken  the items whose whole wanted quantity was taken, with that quantity
 * @param before each wanted item's aggregated stock when it was locked (absent: the item has no stock row)
 */
public record Reservation(SortedMap<UUID, Integer> taken, Map<UUID, Integer> before) {

    public int availableBefore(UUID itemId) {
        return before.getOrDefault(itemId, 0);
    }
}
