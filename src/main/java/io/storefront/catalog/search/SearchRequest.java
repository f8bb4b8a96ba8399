package io.storefront.catalog.search;

/**
 * One search as the engines see it.
 *
 * @param query    normalized search text; empty lists the catalog (by name, or by price when sorted by price)
 * @param sort     the order of the results; ties are broken by item id
 * @param minPrice lowest price in minor units, inclusive, or null
 * @param maxPrice highest price in minor units, inclusive, or null
 * @param limit    page size, 1..100
 * @param cursor   the {@code nextCursor} of the previous page, or null for the first page
 */
public record SearchRequest(String query, SearchSort sort, Long minPrice, Long maxPrice, int limit, String cursor) {

    public boolean listsCatalog() {
        return query.isEmpty();
    }

    public boolean filtersPrice() {
        return minPrice != null || maxPrice != null;
    }
}
