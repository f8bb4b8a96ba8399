package io.storefront.catalog.search.opensearch;

import java.io.IOException;
import java.util.List;

import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.storefront.catalog.search.ItemChangeFeed.ItemRow;
import io.storefront.catalog.search.SearchRelevanceSuite;
import io.storefront.catalog.search.SearchRequest;
import io.storefront.catalog.search.SearchService.SearchHits;
import io.storefront.catalog.search.Suggestion;
import io.storefront.support.OpenSearchTestNode;

/**
 * The judged query set on the OpenSearch engine: the same catalog, indexed with the engine's own mapping and
 * analyzers (opensearch/items-index.json) into a real node, asked with the engine's own queries.
 */
class OpenSearchRelevanceTest extends SearchRelevanceSuite {

    private OpenSearchTestNode node;
    private OpenSearchTransport transport;
    private OpenSearchCatalog catalog;

    @Override
    protected void index(List<ItemRow> items) throws IOException {
        node = new OpenSearchTestNode().start();
        try {
            transport = ApacheHttpClient5TransportBuilder.builder(HttpHost.create(node.url())).build();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        catalog = new OpenSearchCatalog(new OpenSearchClient(transport).generic(), new ObjectMapper(), "relevance");
        String index = catalog.newIndexName();
        catalog.createIndex(index, 1, 0, "1s");
        OpenSearchCatalog.Bulk bulk = catalog.bulk(index, items);
        if (bulk.written() != items.size()) {
            throw new IllegalStateException("indexed " + bulk + " of " + items.size());
        }
        catalog.refresh(index);
        catalog.pointAliasAt(index);
    }

    @Override
    protected SearchHits search(SearchRequest request) {
        return catalog.search(request);
    }

    @Override
    protected List<Suggestion> suggest(String text, int limit) {
        return catalog.suggest(text, limit);
    }

    @Override
    protected void close() throws IOException {
        if (transport != null) {
            transport.close();
        }
        if (node != null) {
            node.close();
        }
    }
}
