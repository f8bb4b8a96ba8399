package io.storefront.checkout;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.storefront.shared.security.Caller;
import io.storefront.shared.security.Roles;

@Path("/api/v1/checkout")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
@Tag(name = "Checkout")
public class CheckoutResource {

    @Inject
    CheckoutService checkouts;

    @Inject
    Caller caller;

    @POST
    @Operation(summary = "Begin checkout of the whole cart: reserve what is in stock until expiresAt "
            + "(201), or return the already active checkout (200)")
    public Response begin() {
        CheckoutService.Began began = checkouts.begin(caller.customerId());
        return began.created()
                ? Response.created(URI.create("/api/v1/checkout")).entity(began.checkout()).build()
                : Response.ok(began.checkout()).build();
    }

    @GET
    @Operation(summary = "The active checkout, or 404")
    public CheckoutView active() {
        return checkouts.active(caller.customerId());
    }

    @DELETE
    @Operation(summary = "Cancel the active checkout and release its reservations")
    public Response cancel() {
        checkouts.cancel(caller.customerId());
        return Response.noContent().build();
    }
}
