package io.storefront.catalog.search;

import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A completion for a search box: the text to show (an item's name) and the item it came from. */
@RegisterForReflection
public record Suggestion(String text, UUID itemId) {
}
