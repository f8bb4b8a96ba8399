package io.storefront.order;

import io.storefront.shared.Address;

/** Body of {@code POST /api/v1/orders}. */
public record SubmitOrderRequest(String checkoutId, Address shippingAddress, Payment payment) {

    public record Payment(String method, String token) {
    }
}
