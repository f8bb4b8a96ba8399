package io.storefront.catalog.search;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.storefront.catalog.search.lucene.CatalogIndex;
import io.storefront.catalog.search.lucene.LuceneSearchService;
import io.storefront.shared.error.ApiException;

/**
 * The {@link SearchService} the catalog calls: the Lucene index when it is configured and current, otherwise
 * PostgreSQL. A search never fails or comes back empty because the index is missing, being built or broken: it is
 * answered by PostgreSQL instead, and the index is rebuilt in the background. Times every search per engine
 * ({@code shop_search_query_seconds}).
 */
@ApplicationScoped
public class SearchEngines implements SearchService {

    public static final String LUCENE = "lucene";
    public static final String POSTGRES = "postgres";

    @Inject
    CatalogIndex index;

    @Inject
    LuceneSearchService lucene;

    @Inject
    PostgresSearchService postgres;

    private final Timer luceneTimer;
    private final Timer postgresTimer;

    @Inject
    SearchEngines(MeterRegistry registry) {
        luceneTimer = timer(registry, LUCENE);
        postgresTimer = timer(registry, POSTGRES);
    }

    /** The engine that answers searches on this replica now: {@code lucene} or {@code postgres}. */
    public String serving() {
        return index.serving() ? LUCENE : POSTGRES;
    }

    @Override
    public SearchHits search(SearchRequest request) {
        return answer(() -> lucene.search(request), () -> postgres.search(request));
    }

    @Override
    public List<Suggestion> suggest(String query, int limit) {
        return answer(() -> lucene.suggest(query, limit), () -> postgres.suggest(query, limit));
    }

    private <T> T answer(Supplier<T> byLucene, Supplier<T> byPostgres) {
        if (index.serving()) {
            long started = System.nanoTime();
            try {
                T result = byLucene.get();
                luceneTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
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
        postgresTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
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
