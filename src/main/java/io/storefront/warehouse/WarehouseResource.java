package io.storefront.warehouse;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.storefront.shared.web.Page;
import io.storefront.shared.web.Paging;
import io.storefront.shared.security.Roles;

@Path("/api/v1/warehouses")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Warehouses")
public class WarehouseResource {

    @Inject
    WarehouseService warehouses;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a warehouse (admin), optionally with coordinates and a signed webhook")
    public Response create(WarehouseRequest request) {
        WarehouseView warehouse = warehouses.create(request);
        return Response.created(URI.create("/api/v1/warehouses/" + warehouse.id())).entity(warehouse).build();
    }

    @GET
    @Operation(summary = "All warehouses (admin), oldest first")
    public Page<WarehouseView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return warehouses.list(Paging.limit(limit), cursor);
    }
}
