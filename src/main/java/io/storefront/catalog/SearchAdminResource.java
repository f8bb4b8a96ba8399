package io.storefront.catalog;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.storefront.catalog.search.SearchEngines;
import io.storefront.catalog.search.lucene.CatalogIndex;
import io.storefront.catalog.search.opensearch.OpenSearchEngine;
import io.storefront.shared.error.ApiException;
import io.storefront.shared.error.ErrorCode;
import io.storefront.shared.security.Roles;

/** The search engine of the replica that answers: its index's state, and a rebuild from the database on demand. */
@Path("/api/v1/admin/search")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Administration")
public class SearchAdminResource {

    @Inject
    SearchEngines engines;

    @Inject
    CatalogIndex index;

    @Inject
    OpenSearchEngine opensearch;

    /**
     * @param engine    the engine answering searches now ({@code lucene}, {@code opensearch} or {@code postgres})
     * @param indexState Lucene: OFF, STARTING, BUILDING, READY, FAILED; OpenSearch: BUILDING (no index yet), READY
     *                  or UNAVAILABLE (the cluster is away)
     * @param indexDir  Lucene: this replica's index directory
     * @param index     OpenSearch: the index the alias points to
     * @param indexer   OpenSearch: the replica that holds the indexer lease
     */
    @RegisterForReflection
    public record IndexStatus(String engine, String indexState, boolean rebuilding, long documents,
            long lastAppliedSequence, double lagSeconds, String indexDir, String index, String indexer,
            String problem) {
    }

    @GET
    @Operation(summary = "This replica's search engine and index (admin)")
    public IndexStatus status() {
        if (opensearch.enabled()) {
            String state = opensearch.serving() ? "READY" : opensearch.indexName() == null ? "BUILDING" : "UNAVAILABLE";
            return new IndexStatus(engines.serving(), state, opensearch.reindexing(), opensearch.documents(),
                    opensearch.appliedSequence(), opensearch.lag().toMillis() / 1000.0, null, opensearch.indexName(),
                    opensearch.leaseHolder(), opensearch.problem());
        }
        return new IndexStatus(engines.serving(), index.state().name(), index.rebuilding(), index.documents(),
                index.appliedSequence(), index.lag().toMillis() / 1000.0, index.directoryName(), null, null,
                index.problem());
    }

    @POST
    @Path("/rebuild")
    @Operation(summary = "Rebuild the search index from the database (admin)",
            description = "Answers 202 at once; the current index keeps answering until the new one is complete. "
                    + "Lucene: rebuilds this replica's own index (call each replica, or restart it with an empty "
                    + "index directory). OpenSearch: the replica holding the indexer lease builds a new index and "
                    + "switches the alias to it in one step.")
    public Response rebuild() {
        if (opensearch.enabled()) {
            opensearch.requestReindex();
            return Response.accepted(status()).build();
        }
        if (index.state() == CatalogIndex.State.OFF) {
            throw ApiException.conflict(ErrorCode.SEARCH_INDEX_OFF, "This replica has no search index (shop.search.engine=postgres)");
        }
        index.rebuild();
        return Response.accepted(status()).build();
    }
}
