package io.storefront.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.cache.CacheInvalidateAll;
import io.quarkus.cache.CacheResult;
import io.storefront.shared.Page;
import io.storefront.stock.AggregatedStock;

/**
 * Finished search pages, stock included, kept for at most half a second ({@code quarkus.cache.caffeine.
 * item-search-live.expire-after-write}): a popular search then costs no database round trip at all, and the
 * stock it shows is never more than half a second old (the product allows one second).
 */
@ApplicationScoped
public class LiveSearchPages {

    static final String CACHE = "item-search-live";

    @Inject
    SearchResults searchResults;

    @Inject
    AggregatedStock stock;

    @CacheResult(cacheName = CACHE)
    public Page<ItemView> page(String query, int limit, String cursor) {
        SearchService.SearchHits hits = searchResults.find(query, limit, cursor);
        Map<UUID, Integer> levels = stock.levels(hits.items().stream().map(ItemSummary::id).toList());
        List<ItemView> items = hits.items().stream()
                .map(item -> ItemView.of(item, levels.getOrDefault(item.id(), 0)))
                .toList();
        return new Page<>(items, hits.nextCursor());
    }

    @CacheInvalidateAll(cacheName = CACHE)
    public void clear() {
        // the interceptor does the work
    }
}
