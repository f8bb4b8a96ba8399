package io.storefront.stock;

import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Physical and available stock of one item in one warehouse, as a warehouse's stock listing shows it. */
@RegisterForReflection
public record WarehouseStockLevel(UUID itemId, int physicalStock, int availableStock) {
}
