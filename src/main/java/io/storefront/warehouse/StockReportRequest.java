package io.storefront.warehouse;

/** Body of a receipt or loss report; {@code reason} is required for losses only. */
public record StockReportRequest(Integer quantity, String eventId, String reason) {
}
