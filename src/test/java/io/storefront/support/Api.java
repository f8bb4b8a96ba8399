package io.storefront.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.storefront.warehouse.assignment.AssignmentService;

/** The customer flow through the HTTP API, for tests that need to get somewhere before they assert. */
public final class Api {

    public static final Map<String, Object> ADDRESS = Map.of("name", "Ada Lovelace", "line1", "12 Analytical Way",
            "city", "Springfield", "region", "IL", "postalCode", "62701", "country", "US");

    private Api() {
    }

    public static RequestSpecification as(UUID customer) {
        return given().auth().oauth2(Tokens.customer(customer));
    }

    public static Response putInCart(UUID customer, UUID item, int quantity) {
        return as(customer).contentType(ContentType.JSON).body(Map.of("quantity", quantity))
                .put("/api/v1/cart/items/{id}", item);
    }

    public static Response beginCheckout(UUID customer) {
        return as(customer).post("/api/v1/checkout");
    }

    /** Puts the items in the cart and begins a checkout that must succeed; returns the checkout id. */
    public static String checkout(UUID customer, Map<UUID, Integer> items) {
        items.forEach((item, quantity) -> putInCart(customer, item, quantity).then().statusCode(200));
        return beginCheckout(customer).then().statusCode(201).extract().path("id");
    }

    public static Response submit(UUID customer, String idempotencyKey, String checkoutId, String paymentToken) {
        return submit(customer, idempotencyKey, checkoutId, paymentToken, ADDRESS);
    }

    public static Response submit(UUID customer, String idempotencyKey, String checkoutId, String paymentToken,
            Map<String, Object> address) {
        return as(customer).contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body(orderBody(checkoutId, paymentToken, address)).post("/api/v1/orders");
    }

    /** The body of POST /api/v1/orders. */
    public static Map<String, Object> orderBody(String checkoutId, String paymentToken, Map<String, Object> address) {
        return Map.of("checkoutId", checkoutId, "shippingAddress", address,
                "payment", Map.of("method", "card", "token", paymentToken));
    }

    /** The body of a receipt ({@code reason} null) or a loss report. */
    public static Map<String, Object> reportBody(int quantity, String eventId, String reason) {
        return reason == null ? Map.of("quantity", quantity, "eventId", eventId)
                : Map.of("quantity", quantity, "eventId", eventId, "reason", reason);
    }

    /** An address in a US state, for tests of "nearest". */
    public static Map<String, Object> addressIn(String city, String region) {
        return Map.of("name", "Grace Hopper", "line1", "1 Harbor St", "city", city, "region", region,
                "postalCode", "00000", "country", "US");
    }

    /** Checks out and orders to the given address; returns the order id. */
    public static String order(UUID customer, Map<UUID, Integer> items, Map<String, Object> address) {
        String checkoutId = checkout(customer, items);
        return submit(customer, UUID.randomUUID().toString(), checkoutId, "tok_visa", address).then().statusCode(201)
                .extract().path("id");
    }

    /**
     * Assigns due orders directly (instead of waiting for the worker's next tick, which is not what the callers
     * test) until this one is assigned; returns its shipments ({warehouseOrderId, warehouseId, status, lines}).
     */
    public static List<Map<String, Object>> awaitShipments(UUID customer, String orderId) {
        AssignmentService assignments = Arc.container().instance(AssignmentService.class).get();
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> {
                    assignments.assignNext();
                    return as(customer).get("/api/v1/orders/{id}", orderId).jsonPath()
                            .<Map<String, Object>>getList("shipments");
                }, shipments -> !shipments.isEmpty());
    }

    /** Checks out the items and submits the order; returns the order id. */
    public static String order(UUID customer, Map<UUID, Integer> items) {
        String checkoutId = checkout(customer, items);
        return submit(customer, UUID.randomUUID().toString(), checkoutId, "tok_visa").then().statusCode(201)
                .extract().path("id");
    }

    /** The stock audit over the whole database finds nothing. */
    public static void assertAuditClean() {
        Response audit = given().auth().oauth2(Tokens.admin()).get("/api/v1/admin/stock/audit");
        audit.then().statusCode(200);
        List<Object> violations = audit.jsonPath().getList("violations");
        assertThat(violations).as("stock audit violations").isEmpty();
        assertThat(audit.jsonPath().getBoolean("ok")).isTrue();
    }

    /** The stock audit finds nothing about these items (violations of other items are other tests' business). */
    public static void assertAuditClean(Collection<UUID> items) {
        Response audit = given().auth().oauth2(Tokens.admin()).get("/api/v1/admin/stock/audit");
        audit.then().statusCode(200);
        Set<String> ids = items.stream().map(UUID::toString).collect(Collectors.toSet());
        List<Map<String, Object>> violations = audit.jsonPath().getList("violations");
        assertThat(violations).as("stock audit violations of this test's items")
                .noneMatch(violation -> ids.contains(String.valueOf(violation.get("itemId"))));
    }

    /** A warehouse's receipt report, with that warehouse's token unless one is given. */
    public static Response receipt(UUID warehouse, UUID item, int quantity, String eventId) {
        return receipt(warehouse, item, quantity, eventId, Tokens.warehouse(warehouse));
    }

    public static Response receipt(UUID warehouse, UUID item, int quantity, String eventId, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(reportBody(quantity, eventId, null))
                .post("/api/v1/warehouses/{w}/stock/{i}/receipts", warehouse, item);
    }

    public static Response loss(UUID warehouse, UUID item, int quantity, String eventId) {
        return given().auth().oauth2(Tokens.warehouse(warehouse)).contentType(ContentType.JSON)
                .body(reportBody(quantity, eventId, "damaged"))
                .post("/api/v1/warehouses/{w}/stock/{i}/losses", warehouse, item);
    }

    /** What a client acts on: the status and, for an error, its problem {@code code} ("409 OUT_OF_STOCK"). */
    public static String outcome(Response response) {
        return response.statusCode() < 400 ? Integer.toString(response.statusCode())
                : response.statusCode() + " " + response.path("code");
    }
}
