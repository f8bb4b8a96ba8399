package io.storefront.warehouse;

import io.quarkus.runtime.annotations.RegisterForReflection;

import io.storefront.shared.Address;

/**
 * Body of {@code POST /api/v1/warehouses}. Coordinates are optional (they make "nearest" precise); a webhook URL
 * needs a secret, with which every notification is signed.
 */
@RegisterForReflection
public record WarehouseRequest(String name, Address address, Double latitude, Double longitude, String webhookUrl,
        String webhookSecret) {
}
