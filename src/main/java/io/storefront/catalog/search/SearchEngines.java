package io.storefront.catalog.search;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.storefront.catalog.search.lucene.CatalogIndex;
import io.storefront.catalog.search.lucene.LuceneSearchService;
import io.storefront.catalog.search.opensearch.OpenSearchCatalog;
import io.storefront.catalog.search.opensearch.OpenSearchEngine;
import io.storefront.shared.error.ApiException;

/**
 * The {@link SearchService} the catalog calls: the configured engine (the Lucene index, or an OpenSearch cluster)
 * when it can answer, otherwise PostgreSQL. A search never fails or comes back empty because the index is missing,
 * being built or broken, or because the cluster is away: it is answered by PostgreSQL instead, while the index is
 * rebuilt or the cluster comes back. Times every search per engine ({@code shop_search_query_seconds}).
 */
@ApplicationScoped
public class SearchEngines implements SearchService {

    public static final String LUCENE = "lucene";
    public static final String POSTGRES = "postgres";
    public static final String OPENSEARCH = "opensearch";

    @Inject
    CatalogIndex index;

    @Inject
    LuceneSearchService lucene;

    @Inject
    PostgresSearchService postgres;

    @Inject
    OpenSearchEngine opensearch;

    private final Timer luceneTimer;
    private final Timer postgresTimer;
    private final Timer opensearchTimer;

    @Inject
    SearchEngines(MeterRegistry registry) {
        luceneTimer = timer(registry, LUCENE);
        postgresTimer = timer(registry, POSTGRES);
        opensearchTimer = timer(registry, OPENSEARCH);
    }

    /** The engine that answers searches on this replica now: {@code lucene}, {@code opensearch} or {@code postgres}. */
    public String serving() {
        if (opensearch.enabled()) {
            return opensearch.serving() ? OPENSEARCH : POSTGRES;
        }
        return index.serving() ? LUCENE : POSTGRES;
    }

    /**
     * Waits until the configured engine holds every item written before this call (for tests and scripts that
     * search for what they just wrote); returns at once with the PostgreSQL engine, which always does.
     */
    public void awaitSearchable(Duration timeout) throws InterruptedException, TimeoutException {
        if (opensearch.enabled()) {
            opensearch.awaitCurrent(timeout);
        } else if (index.state() != CatalogIndex.State.OFF) {
            index.awaitCurrent(timeout);
        }
    }

    @Override
    public SearchHits search(SearchRequest request) {
        return answer(() -> lucene.search(request), () -> opensearch.search(request), () -> postgres.search(request));
    }

    @Override
    public List<Suggestion> suggest(String query, int limit) {
        return answer(() -> lucene.suggest(query, limit), () -> opensearch.suggest(query, limit),
                () -> postgres.suggest(query, limit));
    }

    private <T> T answer(Supplier<T> byLucene, Supplier<T> byOpenSearch, Supplier<T> byPostgres) {
        if (opensearch.serving()) {
            long started = System.nanoTime();
            try {
                T result = byOpenSearch.get();
                opensearchTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                return result;
            } catch (ApiException e) {
                throw e;
            } catch (OpenSearchCatalog.Unavailable e) {
                opensearch.unreachable(e);
            } catch (RuntimeException e) {
                // A query the cluster refuses (a bug, not the cluster): this request falls back, the engine stays.
                Log.errorf(e, "OpenSearch failed a query; answering it from PostgreSQL");
            }
        } else if (index.serving()) {
            long started = System.nanoTime();
            try {
                T result = byLucene.get();
                luceneTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                return result;
            } catch (ApiException e) {
                throw e;
            } catch (LuceneSearchService.IndexUnavailable e) {
                // closed between the check and the search: PostgreSQL answers this one
            } catch (java.io.UncheckedIOException e) {
                Log.errorf(e, "The search index failed to read its files; answering from PostgreSQL and rebuilding it");
                index.failed(e);
            } catch (RuntimeException e) {
                // A query the index cannot run (a bug, not the files): this request falls back, the index stays.
                Log.errorf(e, "The search index failed a query; answering it from PostgreSQL");
            }
        }
        long started = System.nanoTime();
        T result = byPostgres.get();
        postgresTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return result;
    }

    private static Timer timer(MeterRegistry registry, String engine) {
        return Timer.builder("shop.search.query")
                .description("Time one search or suggest takes in the engine, without stock and HTTP")
                .tag("engine", engine)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }
}
