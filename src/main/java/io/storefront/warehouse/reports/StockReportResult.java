package io.storefront.warehouse.reports;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.UUID;

/** What a receipt or loss did: the warehouse's stock of the item right after it. Stored with the event. */
@RegisterForReflection
public record StockReportResult(UUID eventId, UUID warehouseId, UUID itemId, String kind, int quantity,
        int physicalStock, int availableStock, Instant recordedAt) {
}
