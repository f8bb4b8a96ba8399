package io.storefront.stock;

import java.util.UUID;

/** A quantity of one item in one warehouse: the unit of every warehouse stock move. */
public record StockDelta(UUID itemId, UUID warehouseId, int quantity) {
}
