package io.storefront.catalog;

import java.util.List;

/**
 * Finds items for a search box. The seed expects a separate smart search service; this interface is its seam, and
 * {@link PostgresSearchService} is the built-in implementation. Results carry no stock: the caller adds live stock.
 */
public interface SearchService {

    /**
     * @param query  normalized search text; empty lists the whole catalog
     * @param limit  page size, 1..100
     * @param cursor the {@code nextCursor} of the previous page, or null for the first page
     */
    SearchHits search(String query, int limit, String cursor);

    record SearchHits(List<ItemSummary> items, String nextCursor) {
    }
}
