package io.storefront.warehouse;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.storefront.shared.Address;

/** A warehouse order (one shipment of a customer order) on the wire and in webhook notifications. */
public record WarehouseOrderView(UUID id, UUID parentOrderId, UUID warehouseId, WarehouseOrderStatus status,
        List<Line> lines, Address shippingAddress, Instant createdAt) {

    public record Line(UUID itemId, int quantity) {
    }
}
