package io.storefront.cart;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code PUT /api/v1/cart/items/{itemId}}. */
@RegisterForReflection
public record QuantityRequest(Integer quantity) {
}
