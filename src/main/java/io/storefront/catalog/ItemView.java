package io.storefront.catalog;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.UUID;

import io.storefront.catalog.search.ItemSummary;
import io.storefront.shared.Money;

/** An item on the wire: its description, price and live aggregated stock. */
@RegisterForReflection
public record ItemView(UUID id, String name, String description, Money price, StockView stock) {

    static ItemView of(ItemSummary item, int available) {
        return new ItemView(item.id(), item.name(), item.description(), item.price(), StockView.of(available));
    }
}
