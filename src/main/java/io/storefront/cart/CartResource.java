package io.storefront.cart;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.storefront.shared.security.Caller;
import io.storefront.shared.web.Ids;
import io.storefront.shared.security.Roles;

/** The caller's own cart; there is no way to name another customer's cart. */
@Path("/api/v1/cart")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.CUSTOMER)
@Tag(name = "Cart")
public class CartResource {

    @Inject
    CartService carts;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The caller's cart with live stock per line")
    public CartView cart() {
        return carts.cart(caller.customerId());
    }

    @PUT
    @Path("/items/{itemId}")
    @Operation(summary = "Set a line's quantity (0 removes it); 409 OUT_OF_STOCK if the stock is not there")
    public CartView put(@PathParam("itemId") String itemId, QuantityRequest request) {
        if (request == null) {
            throw io.storefront.shared.error.ApiException.validation("quantity", "'quantity' is required");
        }
        return carts.setQuantity(caller.customerId(), Ids.parse("itemId", itemId), request.quantity());
    }

    @DELETE
    @Path("/items/{itemId}")
    @Operation(summary = "Remove a line")
    public CartView delete(@PathParam("itemId") String itemId) {
        return carts.remove(caller.customerId(), Ids.parse("itemId", itemId));
    }
}
