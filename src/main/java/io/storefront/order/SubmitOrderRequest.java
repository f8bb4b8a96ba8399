package io.storefront.order;

import io.quarkus.runtime.annotations.RegisterForReflection;

import io.storefront.shared.web.Address;

/** Body of {@code POST /api/v1/orders}. */
@RegisterForReflection
public record SubmitOrderRequest(String checkoutId, Address shippingAddress, Payment payment) {

    @RegisterForReflection
    public record Payment(String method, String token) {
    }
}
