package io.storefront.catalog;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.UUID;

import io.storefront.shared.web.Money;

/** An item on the wire: its description, price and live aggregated stock. */
@RegisterForReflection
public record ItemView(UUID id, String name, String description, Money price, StockView stock) {
}
