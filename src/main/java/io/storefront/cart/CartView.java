package io.storefront.cart;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.UUID;

import io.storefront.catalog.StockView;
import io.storefront.shared.web.Money;

/** The customer's cart on the wire. */
@RegisterForReflection
public record CartView(List<Line> lines, Money total) {

    @RegisterForReflection
    public record Line(UUID itemId, String name, int quantity, Money unitPrice, StockView stock) {
    }
}
