package io.storefront.catalog;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The stock block shown with items and cart lines: the aggregated (sellable) stock. */
@RegisterForReflection
public record StockView(int available, boolean inStock) {

    public static StockView of(int available) {
        return new StockView(available, available > 0);
    }
}
