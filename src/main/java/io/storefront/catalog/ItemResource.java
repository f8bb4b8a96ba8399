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

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.storefront.catalog.search.SearchSort;
import io.storefront.shared.error.ApiException;
import io.storefront.shared.web.Ids;
import io.storefront.shared.web.Page;
import io.storefront.shared.web.Paging;
import io.storefront.shared.security.Roles;

@Path("/api/v1/items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog")
public class ItemResource {

    @Inject
    CatalogService catalog;

    @GET
    @PermitAll
    @Operation(summary = "Search the catalog (relevance order, or by price), or list it when q is empty",
            description = "Words match name and description (English stemming), the last word also as a prefix "
                    + "while typing, and small typos are forgiven; \"quoted phrases\" match as phrases and -word "
                    + "excludes. Ties are broken by item id. Stock is live.")
    public Page<ItemView> search(
            @Parameter(description = "Search text, at most 200 characters; empty lists the catalog by name")
            @QueryParam("q") String q,
            @Parameter(description = "Page size, 1..100 (default 20)") @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "relevance (default), price_asc or price_desc",
                    schema = @Schema(enumeration = { "relevance", "price_asc", "price_desc" }))
            @QueryParam("sort") String sort,
            @Parameter(description = "Lowest price in minor units, inclusive") @QueryParam("minPrice") String minPrice,
            @Parameter(description = "Highest price in minor units, inclusive") @QueryParam("maxPrice") String maxPrice) {
        return catalog.search(q, SearchSort.parse(sort), price("minPrice", minPrice), price("maxPrice", maxPrice),
                Paging.limit(limit), cursor);
    }

    @GET
    @Path("/suggest")
    @PermitAll
    @Operation(summary = "Completions for a search-as-you-type box, best first",
            description = "Item names holding every word typed so far, the last one as a prefix. An empty or "
                    + "one-letter q gives an empty list.")
    public SuggestionsView suggest(@QueryParam("q") String q,
            @Parameter(description = "How many completions, 1..20 (default 8)") @QueryParam("limit") String limit) {
        return new SuggestionsView(catalog.suggest(q, Paging.limit(limit, SuggestionsView.DEFAULT_LIMIT, SuggestionsView.MAX_LIMIT)));
    }

    private static Long price(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long price = Long.parseLong(value);
            if (price >= 0 && price <= CatalogService.MAX_PRICE) {
                return price;
            }
        } catch (NumberFormatException e) {
            // fall through to the 400 below
        }
        throw ApiException.validation(name, "'" + name + "' must be a whole number of minor units between 0 and "
                + CatalogService.MAX_PRICE);
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
