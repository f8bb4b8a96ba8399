package io.storefront.warehouse.orders;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.storefront.shared.web.Address;

/** A warehouse order (one shipment of a customer order) on the wire and in webhook notifications. */
@RegisterForReflection
public record WarehouseOrderView(UUID id, UUID parentOrderId, UUID warehouseId, WarehouseOrderStatus status,
        List<Line> lines, Address shippingAddress, Instant createdAt) {

    @RegisterForReflection
    public record Line(UUID itemId, int quantity) {
    }
}
