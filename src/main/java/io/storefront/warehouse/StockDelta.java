package io.storefront.warehouse;

import java.util.UUID;

/** A quantity of one item in one warehouse, the unit of every warehouse stock change. */
record StockDelta(UUID itemId, UUID warehouseId, int quantity) {
}
