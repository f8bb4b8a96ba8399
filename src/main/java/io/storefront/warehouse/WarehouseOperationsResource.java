package io.storefront.warehouse;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.storefront.stock.WarehouseStockLevel;
import io.storefront.stock.StockLevels;
import io.storefront.shared.security.Caller;
import io.storefront.shared.web.Ids;
import io.storefront.shared.web.Page;
import io.storefront.shared.web.Paging;
import io.storefront.shared.security.Roles;
import io.storefront.warehouse.orders.WarehouseOrderService;
import io.storefront.warehouse.orders.WarehouseOrderView;
import io.storefront.warehouse.reports.StockReportRequest;
import io.storefront.warehouse.reports.StockReports;

/** What warehouse staff do for their own warehouse (admins may act for any). */
@Path("/api/v1/warehouses/{warehouseId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.WAREHOUSE, Roles.ADMIN })
@Tag(name = "Warehouse operations")
public class WarehouseOperationsResource {

    @Inject
    WarehouseService warehouses;

    @Inject
    StockReports reports;

    @Inject
    StockLevels stock;

    @Inject
    WarehouseOrderService orders;

    @Inject
    Caller caller;

    @GET
    @Path("/stock")
    @Operation(summary = "The warehouse's physical and available stock per item")
    public Page<WarehouseStockLevel> stock(@PathParam("warehouseId") String warehouseId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        UUID id = access(warehouseId);
        int size = Paging.limit(limit);
        UUID after = cursor == null ? null : Ids.parse("cursor", Paging.parts(cursor, 1).get(0));
        return Paging.page(stock.warehousePage(id, after, size + 1), size, last -> Paging.cursor(last.itemId()));
    }

    @POST
    @Path("/stock/{itemId}/receipts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report arrived stock; idempotent by eventId (201 first time, 200 with the first result after)")
    public Response receipt(@PathParam("warehouseId") String warehouseId, @PathParam("itemId") String itemId,
            StockReportRequest request) {
        UUID id = access(warehouseId);
        return respond(reports.receive(id, Ids.parse("itemId", itemId), request));
    }

    @POST
    @Path("/stock/{itemId}/losses")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report lost or damaged stock; 409 INSUFFICIENT_STOCK if less than that is free")
    public Response loss(@PathParam("warehouseId") String warehouseId, @PathParam("itemId") String itemId,
            StockReportRequest request) {
        UUID id = access(warehouseId);
        return respond(reports.lose(id, Ids.parse("itemId", itemId), request));
    }

    @GET
    @Path("/orders")
    @Operation(summary = "The warehouse orders assigned to this warehouse, by status (default NEW), oldest first")
    public Page<WarehouseOrderView> orders(@PathParam("warehouseId") String warehouseId,
            @QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return orders.list(access(warehouseId), status, Paging.limit(limit), cursor);
    }

    @POST
    @Path("/orders/{warehouseOrderId}/acknowledge")
    @Operation(summary = "NEW → ACKNOWLEDGED")
    public WarehouseOrderView acknowledge(@PathParam("warehouseId") String warehouseId,
            @PathParam("warehouseOrderId") String warehouseOrderId) {
        UUID id = access(warehouseId);
        return orders.acknowledge(id, Ids.parse("warehouseOrderId", warehouseOrderId));
    }

    @POST
    @Path("/orders/{warehouseOrderId}/ship")
    @Operation(summary = "→ SHIPPED: physical stock falls; 409 if the warehouse order was cancelled")
    public WarehouseOrderView ship(@PathParam("warehouseId") String warehouseId,
            @PathParam("warehouseOrderId") String warehouseOrderId) {
        UUID id = access(warehouseId);
        return orders.ship(id, Ids.parse("warehouseOrderId", warehouseOrderId));
    }

    private UUID access(String warehouseId) {
        UUID id = Ids.parse("warehouseId", warehouseId);
        warehouses.requireAccess(caller, id);
        return id;
    }

    private static Response respond(StockReports.Outcome outcome) {
        return Response.status(outcome.recorded() ? 201 : 200).entity(outcome.result()).build();
    }
}
