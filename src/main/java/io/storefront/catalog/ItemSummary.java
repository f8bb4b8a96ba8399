package io.storefront.catalog;

import java.util.UUID;

import io.storefront.shared.Money;

/** What search and listing know of an item, without its stock (stock is read fresh on every request). */
public record ItemSummary(UUID id, String name, String description, Money price) {
}
