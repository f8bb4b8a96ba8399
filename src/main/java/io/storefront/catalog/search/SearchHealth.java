package io.storefront.catalog.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.storefront.catalog.search.lucene.CatalogIndex;
import io.storefront.catalog.search.opensearch.OpenSearchEngine;

/**
 * Which engine answers searches on this replica, and how current its index is. Always UP: while the index is
 * missing, being built or broken, or the OpenSearch cluster is away, PostgreSQL answers searches, so the replica can
 * take traffic all the same.
 */
@Readiness
@ApplicationScoped
public class SearchHealth implements HealthCheck {

    @Inject
    SearchEngines engines;

    @Inject
    CatalogIndex index;

    @Inject
    OpenSearchEngine opensearch;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Search").up()
                .withData("engine", engines.serving());
        if (opensearch.enabled()) {
            response.withData("configuredEngine", SearchEngines.OPENSEARCH)
                    .withData("index", String.valueOf(opensearch.indexName()))
                    .withData("indexer", opensearch.indexer() ? "this replica" : String.valueOf(opensearch.leaseHolder()))
                    .withData("lastAppliedSequence", opensearch.appliedSequence())
                    .withData("lagSeconds", opensearch.lag().toMillis() / 1000.0 + "")
                    .withData("reindexing", opensearch.reindexing());
            if (opensearch.problem() != null) {
                response.withData("problem", opensearch.problem());
            }
            return response.build();
        }
        response.withData("indexState", index.state().name());
        if (index.state() != CatalogIndex.State.OFF) {
            response.withData("documents", index.documents())
                    .withData("lastAppliedSequence", index.appliedSequence())
                    .withData("lagSeconds", index.lag().toMillis() / 1000.0 + "")
                    .withData("rebuilding", index.rebuilding());
            if (index.problem() != null) {
                response.withData("problem", index.problem());
            }
        }
        return response.build();
    }
}
