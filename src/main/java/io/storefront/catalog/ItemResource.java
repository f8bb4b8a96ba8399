package io.storefront.catalog;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.storefront.shared.Ids;
import io.storefront.shared.Page;
import io.storefront.shared.Paging;
import io.storefront.shared.Roles;

@Path("/api/v1/items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog")
public class ItemResource {

    @Inject
    CatalogService catalog;

    @GET
    @PermitAll
    @Operation(summary = "Search the catalog (relevance order), or list it when q is empty")
    public Page<ItemView> search(@QueryParam("q") String q, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return catalog.search(q, Paging.limit(limit), cursor);
    }

    @GET
    @Path("/{itemId}")
    @PermitAll
    @Operation(summary = "One item with its live stock")
    public ItemView item(@PathParam("itemId") String itemId) {
        return catalog.item(Ids.parse("itemId", itemId));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add an item to the catalog (admin); it starts with no stock")
    public Response create(ItemRequest request) {
        ItemView item = catalog.create(request);
        return Response.created(URI.create("/api/v1/items/" + item.id())).entity(item).build();
    }

    @PUT
    @Path("/{itemId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change an item's name, description or price (admin)")
    public ItemView update(@PathParam("itemId") String itemId, ItemRequest request) {
        return catalog.update(Ids.parse("itemId", itemId), request);
    }
}
