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
import io.storefront.shared.error.ApiException;
import io.storefront.shared.error.ErrorCode;
import io.storefront.shared.security.Roles;

/** The search index of the replica that answers: its state, and a rebuild from the database on demand. */
@Path("/api/v1/admin/search")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Administration")
public class SearchAdminResource {

    @Inject
    SearchEngines engines;

    @Inject
    CatalogIndex index;

    @RegisterForReflection
    public record IndexStatus(String engine, String indexState, boolean rebuilding, int documents,
            long lastAppliedSequence, double lagSeconds, String indexDir, String problem) {
    }

    @GET
    @Operation(summary = "This replica's search engine and index (admin)")
    public IndexStatus status() {
        return new IndexStatus(engines.serving(), index.state().name(), index.rebuilding(), index.documents(),
                index.appliedSequence(), index.lag().toMillis() / 1000.0, index.directoryName(), index.problem());
    }

    @POST
    @Path("/rebuild")
    @Operation(summary = "Rebuild this replica's search index from the database (admin)",
            description = "Answers 202 at once; the current index keeps answering until the new one is complete. "
                    + "Each replica has its own index: call each replica, or restart it with an empty index directory.")
    public Response rebuild() {
        if (index.state() == CatalogIndex.State.OFF) {
            throw ApiException.conflict(ErrorCode.SEARCH_INDEX_OFF, "This replica has no search index (shop.search.engine=postgres)");
        }
        index.rebuild();
        return Response.accepted(status()).build();
    }
}
