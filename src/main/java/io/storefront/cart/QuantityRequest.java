package io.storefront.cart;

/** Body of {@code PUT /api/v1/cart/items/{itemId}}. */
public record QuantityRequest(Integer quantity) {
}
