package io.storefront.warehouse.reports;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of a receipt or loss report; {@code reason} is required for losses only. */
@RegisterForReflection
public record StockReportRequest(Integer quantity, String eventId, String reason) {
}
