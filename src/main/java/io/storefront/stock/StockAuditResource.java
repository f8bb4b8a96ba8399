package io.storefront.stock;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.storefront.shared.security.Roles;

@Path("/api/v1/admin/stock/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Stock administration")
public class StockAuditResource {

    @Inject
    StockAudit audit;

    @GET
    @Operation(summary = "Check the stock conservation rules of DOMAIN.md and list violations per item")
    public StockAudit.Report audit() {
        return audit.run();
    }
}
