package io.storefront.catalog.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.storefront.catalog.search.SearchRequest;
import io.storefront.catalog.search.SearchService;
import io.storefront.catalog.search.Suggestion;
import io.storefront.shared.ShopConfig;

/**
 * Search on this replica's Lucene index ({@link CatalogIndex}): BM25 with the name weighted above the description,
 * top-k with block-max WAND, so a broad word costs about as much as a rare one. At most
 * {@code shop.search.query-threads} searches run at once, the others wait their turn ({@link QuerySlots}); suggestions
 * do not wait. Callers ask
 * {@link CatalogIndex#serving()} first; a search that finds the index closed meanwhile throws
 * {@link IndexUnavailable}, which the caller answers from PostgreSQL.
 */
@ApplicationScoped
@Startup // created at start, so that a wrong shop.search.query-threads stops the start instead of every search
@Typed(LuceneSearchService.class)
public class LuceneSearchService implements SearchService {

    @Inject
    CatalogIndex index;

    private final QuerySlots slots;

    @Inject
    LuceneSearchService(ShopConfig config, MeterRegistry registry) {
        slots = new QuerySlots(config.search().queryThreads().orElse(QuerySlots.DEFAULT));
        Gauge.builder("shop.search.index.queries.waiting", slots, QuerySlots::waiting)
                .description("Searches waiting for one of the index's query slots (shop.search.query-threads)")
                .register(registry);
        Gauge.builder("shop.search.index.query.slots", slots, QuerySlots::size)
                .description("How many searches the index runs at once (shop.search.query-threads)")
                .register(registry);
    }

    @Override
    public SearchHits search(SearchRequest request) {
        try {
            return slots.run(() -> catalog().search(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.apache.lucene.store.AlreadyClosedException e) {
            throw new IndexUnavailable();
        }
    }

    /**
     * Suggestions do not take a slot: one term lookup per word, a fraction of a millisecond, asked for at every
     * keystroke. Sharing the CPU with the running searches costs them little; queueing behind searches would make
     * each keystroke wait for several of them.
     */
    @Override
    public List<Suggestion> suggest(String query, int limit) {
        try {
            return catalog().suggest(query, limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.apache.lucene.store.AlreadyClosedException e) {
            throw new IndexUnavailable();
        }
    }

    private LuceneCatalog catalog() {
        LuceneCatalog catalog = index.catalog();
        if (catalog == null) {
            throw new IndexUnavailable();
        }
        return catalog;
    }

    /** The index was closed (shutdown, restart after a failure) between the caller's check and the search. */
    public static final class IndexUnavailable extends RuntimeException {
        IndexUnavailable() {
            super("The search index is closed", null, false, false);
        }
    }
}
