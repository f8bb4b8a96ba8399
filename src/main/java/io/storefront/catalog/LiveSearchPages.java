package io.storefront.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.cache.CacheResult;
import io.storefront.catalog.search.SearchEngines;
import io.storefront.catalog.search.SearchRequest;
import io.storefront.catalog.search.SearchService;
import io.storefront.shared.web.Page;

/**
 * Finished search pages, stock included, kept for at most half a second ({@code quarkus.cache.caffeine.
 * item-search-live.expire-after-write}): a popular search then costs no database round trip at all, and the
 * stock it shows is never more than half a second old (the product allows one second). A page not cached costs one
 * search of the engine in use (ids) and one primary-key read of the page's items with their stock.
 */
@ApplicationScoped
public class LiveSearchPages {

    static final String CACHE = "item-search-live";

    @Inject
    SearchEngines engines;

    @Inject
    ItemViews views;

    /** @param request the whole request is the cache key (a record: equal requests, equal keys) */
    @CacheResult(cacheName = CACHE)
    public Page<ItemView> page(SearchRequest request) {
        SearchService.SearchHits hits = engines.search(request);
        return new Page<>(views.of(hits.ids()), hits.nextCursor());
    }
}
