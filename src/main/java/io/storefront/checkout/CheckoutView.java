package io.storefront.checkout;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.storefront.shared.web.Money;

/** A checkout on the wire: what was reserved until when, and what could not be. */
@RegisterForReflection
public record CheckoutView(UUID id, CheckoutStatus status, Instant expiresAt, List<Reserved> reserved,
        List<Unavailable> unavailable, Money total) {

    @RegisterForReflection
    public record Reserved(UUID itemId, int quantity) {
    }

    @RegisterForReflection
    public record Unavailable(UUID itemId, int requested, int available) {
    }
}
