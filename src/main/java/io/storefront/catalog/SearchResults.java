package io.storefront.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.cache.CacheInvalidateAll;
import io.quarkus.cache.CacheResult;

/**
 * Keeps popular result pages of whichever {@link SearchService} is in use (Caffeine, size- and time-bounded; see
 * {@code quarkus.cache.caffeine.item-search.*}). Pages hold no stock numbers, so caching them never shows stale
 * stock; catalog edits on this replica clear the cache at once, on other replicas within the expiry time.
 */
@ApplicationScoped
public class SearchResults {

    static final String CACHE = "item-search";

    @Inject
    SearchService searchService;

    @CacheResult(cacheName = CACHE)
    /** @param cursor the page cursor, or "" for the first page (cache keys cannot hold null) */
    public SearchService.SearchHits find(String query, int limit, String cursor) {
        return searchService.search(query, limit, cursor.isEmpty() ? null : cursor);
    }

    @CacheInvalidateAll(cacheName = CACHE)
    public void clear() {
        // the interceptor does the work
    }
}
