package io.storefront.catalog.search;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.UUID;

import io.storefront.shared.Money;

/** What search and listing know of an item, without its stock (stock is read fresh on every request). */
@RegisterForReflection
public record ItemSummary(UUID id, String name, String description, Money price) {
}
