package io.storefront.warehouse;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.UUID;

import io.storefront.shared.Address;

/** A warehouse on the wire; the webhook secret is never shown. */
@RegisterForReflection
public record WarehouseView(UUID id, String name, Address address, Double latitude, Double longitude,
        String webhookUrl, Instant createdAt) {
}
