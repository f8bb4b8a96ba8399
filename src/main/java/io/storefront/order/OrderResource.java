package io.storefront.order;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.storefront.shared.security.Caller;
import io.storefront.shared.web.Ids;
import io.storefront.shared.web.Page;
import io.storefront.shared.web.Paging;
import io.storefront.shared.security.Roles;

@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders")
public class OrderResource {

    @Inject
    OrderService orders;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(summary = "Turn the active checkout into an order (201); the same Idempotency-Key and body "
            + "replays it (200), another body with the key is 422. Idempotency-Key: 8 to 100 letters, digits, "
            + "'-' or '_' (a UUID fits); otherwise 400")
    public Response submit(@HeaderParam("Idempotency-Key") String idempotencyKey, SubmitOrderRequest request) {
        OrderService.Submitted submitted = orders.submit(caller.customerId(), idempotencyKey, request);
        return submitted.created()
                ? Response.created(URI.create("/api/v1/orders/" + submitted.order().id())).entity(submitted.order())
                        .build()
                : Response.ok(submitted.order()).build();
    }

    @GET
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(summary = "The caller's orders, newest first")
    public Page<OrderView> history(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return orders.history(caller.customerId(), Paging.limit(limit), cursor);
    }

    @GET
    @Path("/{orderId}")
    @RolesAllowed({ Roles.CUSTOMER, Roles.ADMIN })
    @Operation(summary = "One order with its shipments")
    public OrderView order(@PathParam("orderId") String orderId) {
        boolean admin = caller.isAdmin();
        return orders.order(Ids.parse("orderId", orderId), admin ? null : caller.customerId(), admin);
    }

    @POST
    @Path("/{orderId}/cancel")
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(summary = "Cancel an order that has not shipped; cancelling twice is harmless",
            description = "Only the customer who placed the order may cancel it (API.md grants admins reading, not "
                    + "acting on customers' orders); another customer's order is 404.")
    public OrderView cancel(@PathParam("orderId") String orderId) {
        return orders.cancel(Ids.parse("orderId", orderId), caller.customerId());
    }
}
