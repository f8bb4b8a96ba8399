package io.storefront.order;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.storefront.shared.web.Address;
import io.storefront.shared.web.Money;

/**
 * An order on the wire. {@code shipments} lists its warehouse orders once it has been assigned. {@code paymentStatus}:
 * {@code AUTHORIZED}, then for a cancelled order {@code VOID_PENDING} until the gateway has taken the authorization
 * back, then {@code VOIDED}.
 */
@RegisterForReflection
public record OrderView(UUID id, OrderStatus status, List<Line> lines, Money total, Address shippingAddress,
        Instant createdAt, List<Shipment> shipments, String paymentStatus) {

    @RegisterForReflection
    public record Line(UUID itemId, int quantity, Money unitPrice) {
    }

    @RegisterForReflection
    public record Shipment(UUID warehouseOrderId, UUID warehouseId, String status, List<ShipmentLine> lines) {
    }

    @RegisterForReflection
    public record ShipmentLine(UUID itemId, int quantity) {
    }
}
