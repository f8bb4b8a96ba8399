package io.storefront.catalog;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

import io.storefront.catalog.search.Suggestion;

/** The answer of {@code GET /api/v1/items/suggest}: {@code {"suggestions": [{"text", "itemId"}]}}, best first. */
@RegisterForReflection
public record SuggestionsView(List<Suggestion> suggestions) {

    static final int DEFAULT_LIMIT = 8;
    static final int MAX_LIMIT = 20;
}
