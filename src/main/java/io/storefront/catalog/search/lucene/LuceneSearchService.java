package io.storefront.catalog.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.storefront.catalog.search.SearchRequest;
import io.storefront.catalog.search.SearchService;
import io.storefront.catalog.search.Suggestion;

/**
 * Search on this replica's Lucene index ({@link CatalogIndex}): BM25 with the name weighted above the description,
 * top-k with block-max WAND, so a broad word costs about as much as a rare one. Callers ask
 * {@link CatalogIndex#serving()} first; a search that finds the index closed meanwhile throws
 * {@link IndexUnavailable}, which the caller answers from PostgreSQL.
 */
@ApplicationScoped
@Typed(LuceneSearchService.class)
public class LuceneSearchService implements SearchService {

    @Inject
    CatalogIndex index;

    @Override
    public SearchHits search(SearchRequest request) {
        try {
            return catalog().search(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.apache.lucene.store.AlreadyClosedException e) {
            throw new IndexUnavailable();
        }
    }

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
