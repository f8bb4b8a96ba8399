package io.storefront.cart;

import java.util.List;
import java.util.UUID;

import io.storefront.catalog.StockView;
import io.storefront.shared.Money;

/** The customer's cart on the wire. */
public record CartView(List<Line> lines, Money total) {

    public record Line(UUID itemId, String name, int quantity, Money unitPrice, StockView stock) {
    }
}
