package io.storefront.warehouse;

import io.quarkus.runtime.annotations.RegisterForReflection;

import io.storefront.shared.web.Address;

/**
 * Body of {@code POST /api/v1/warehouses}. Coordinates are optional (they make "nearest" precise). Every webhook
 * notification is signed with the webhook secret; without one, the service makes one and returns it once.
 */
@RegisterForReflection
public record WarehouseRequest(String name, Address address, Double latitude, Double longitude, String webhookUrl,
        String webhookSecret) {
}
