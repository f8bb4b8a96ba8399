package io.storefront.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.cache.CacheResult;
import io.storefront.catalog.search.ItemSummary;
import io.storefront.catalog.search.SearchEngines;
import io.storefront.catalog.search.SearchRequest;
import io.storefront.catalog.search.SearchService;
import io.storefront.shared.Page;
import io.storefront.stock.AggregatedStock;

/**
 * Finished search pages, stock included, kept for at most half a second ({@code quarkus.cache.caffeine.
 * item-search-live.expire-after-write}): a popular search then costs no database round trip at all, and the
 * stock it shows is never more than half a second old (the product allows one second). A page not cached costs one
 * search of the engine in use and one primary-key read of the page's stock.
 */
@ApplicationScoped
public class LiveSearchPages {

    static final String CACHE = "item-search-live";

    @Inject
    SearchEngines engines;

    @Inject
    AggregatedStock stock;

    /** @param request the whole request is the cache key (a record: equal requests, equal keys) */
    @CacheResult(cacheName = CACHE)
    public Page<ItemView> page(SearchRequest request) {
        SearchService.SearchHits hits = engines.search(request);
        Map<UUID, Integer> levels = stock.levels(hits.items().stream().map(ItemSummary::id).toList());
        List<ItemView> items = hits.items().stream()
                .map(item -> ItemView.of(item, levels.getOrDefault(item.id(), 0)))
                .toList();
        return new Page<>(items, hits.nextCursor());
    }
}
