package io.storefront.warehouse;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

import io.storefront.shared.web.Address;

/**
 * A warehouse on the wire. The webhook secret appears once, in the response that creates the warehouse, and
 * never again.
 */
@RegisterForReflection
public record WarehouseView(UUID id, String name, Address address, Double latitude, Double longitude,
        String webhookUrl, @JsonInclude(JsonInclude.Include.NON_NULL) String webhookSecret, Instant createdAt) {
}
