package io.storefront.catalog.search;

import java.util.List;
import java.util.UUID;

/**
 * Finds items for a search box. Two engines implement it: {@code lucene} (an in-process index, the default) and
 * {@code postgres} (full-text search in the database); {@link SearchEngines} picks one per request. The contract is
 * narrow on purpose, so that a distributed engine (OpenSearch) can implement it with the same analyzers and field
 * names (see docs/SEARCH.md). Results are ids: the caller reads names, prices and live stock from PostgreSQL.
 */
public interface SearchService {

    /**
     * A page of item ids for a normalized query (empty lists the catalog), in the request's sort order. The caller
     * reads the items themselves, with their live stock, in one primary-key read of PostgreSQL.
     */
    SearchHits search(SearchRequest request);

    /** Up to {@code limit} completions of a partly typed query, best first; fewer than two letters give none. */
    List<Suggestion> suggest(String query, int limit);

    record SearchHits(List<UUID> ids, String nextCursor) {
    }
}
