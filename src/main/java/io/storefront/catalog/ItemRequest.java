package io.storefront.catalog;

import io.quarkus.runtime.annotations.RegisterForReflection;

import io.storefront.shared.web.Money;

/** Body of the admin's item create and update. The currency may be left out; it must be the shop's currency. */
@RegisterForReflection
public record ItemRequest(String name, String description, Money price) {
}
