package io.storefront.catalog.search.lucene;

import java.io.IOException;
import java.util.List;

import org.apache.lucene.store.ByteBuffersDirectory;

import io.storefront.catalog.search.ItemChangeFeed.ItemRow;
import io.storefront.catalog.search.SearchRelevanceSuite;
import io.storefront.catalog.search.SearchRequest;
import io.storefront.catalog.search.SearchService.SearchHits;
import io.storefront.catalog.search.Suggestion;

/** The judged query set on the Lucene engine, in memory: it fails in milliseconds when relevance gets worse. */
class SearchRelevanceTest extends SearchRelevanceSuite {

    private LuceneCatalog catalog;

    @Override
    protected void index(List<ItemRow> items) throws IOException {
        catalog = LuceneCatalog.open(new ByteBuffersDirectory(), 16, true);
        for (ItemRow item : items) {
            catalog.upsert(item);
        }
        catalog.refresh();
    }

    @Override
    protected SearchHits search(SearchRequest request) throws IOException {
        return catalog.search(request);
    }

    @Override
    protected List<Suggestion> suggest(String text, int limit) throws IOException {
        return catalog.suggest(text, limit);
    }

    @Override
    protected void close() throws IOException {
        catalog.close();
    }
}
