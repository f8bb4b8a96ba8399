package io.storefront.catalog.search;

import java.util.Locale;

import io.storefront.shared.error.ApiException;

/** The orders a search can be returned in ({@code ?sort=}); every order breaks ties by item id. */
public enum SearchSort {
    /** Best match first; an empty query lists the catalog by name. */
    RELEVANCE,
    PRICE_ASC,
    PRICE_DESC;

    /** The sort of a {@code ?sort=} parameter: absent means relevance, anything unknown is a 400. */
    public static SearchSort parse(String value) {
        if (value == null || value.isEmpty()) {
            return RELEVANCE;
        }
        for (SearchSort sort : values()) {
            if (sort.name().toLowerCase(Locale.ROOT).equals(value)) {
                return sort;
            }
        }
        throw ApiException.validation("sort", "'sort' must be one of relevance, price_asc, price_desc");
    }
}
