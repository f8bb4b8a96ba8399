package io.storefront.checkout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.storefront.shared.Money;

/** A checkout on the wire: what was reserved until when, and what could not be. */
public record CheckoutView(UUID id, CheckoutStatus status, Instant expiresAt, List<Reserved> reserved,
        List<Unavailable> unavailable, Money total) {

    public record Reserved(UUID itemId, int quantity) {
    }

    public record Unavailable(UUID itemId, int requested, int available) {
    }
}
