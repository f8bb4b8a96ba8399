package io.storefront.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storefront.support.Tokens;

/**
 * The main flows through the HTTP API only, so that {@link MainFlowIT} runs the same tests against the packaged
 * application (and against the native binary wherever one is built).
 */
@QuarkusTest
class MainFlowTest {

    protected String customerToken(UUID customerId) {
        return Tokens.customer(customerId);
    }

    protected String adminToken() {
        return Tokens.admin();
    }

    protected String warehouseToken(String warehouseId) {
        return Tokens.warehouse(UUID.fromString(warehouseId));
    }

    @Test
    void shouldTakeAnItemFromReceiptThroughOrderToShipment() {
        String admin = adminToken();
        String marker = "flow" + UUID.randomUUID().toString().substring(0, 8);
        String itemId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Flow Kettle " + marker, "description", "Stainless steel kettle",
                        "price", Map.of("amount", 4500, "currency", "USD")))
                .post("/api/v1/items").then().statusCode(201).extract().path("id");
        String warehouseId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Flow DC " + marker, "latitude", 40.73, "longitude", -74.17,
                        "address", Map.of("name", "Flow DC", "line1", "1 Dock Rd", "city", "Newark", "region", "NJ",
                                "postalCode", "07101", "country", "US")))
                .post("/api/v1/warehouses").then().statusCode(201).extract().path("id");
        String warehouse = warehouseToken(warehouseId);
        given().auth().oauth2(warehouse).contentType(ContentType.JSON)
                .body(Map.of("quantity", 5, "eventId", UUID.randomUUID().toString()))
                .post("/api/v1/warehouses/{w}/stock/{i}/receipts", warehouseId, itemId).then().statusCode(201);

        // A new item is findable on every replica within a second (the search index applies changes every 250 ms).
        Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().queryParam("q", "kettle " + marker).get("/api/v1/items").then().statusCode(200)
                        .body("items[0].id", equalTo(itemId)).body("items[0].stock.available", equalTo(5)));

        UUID customerId = UUID.randomUUID();
        String customer = customerToken(customerId);
        given().auth().oauth2(customer).contentType(ContentType.JSON).body(Map.of("quantity", 2))
                .put("/api/v1/cart/items/{id}", itemId).then().statusCode(200);
        String checkoutId = given().auth().oauth2(customer).post("/api/v1/checkout").then().statusCode(201)
                .body("reserved[0].quantity", equalTo(2)).extract().path("id");
        Map<String, Object> order = Map.of("checkoutId", checkoutId,
                "shippingAddress", Map.of("name", "Ada", "line1", "1 Main St", "city", "Trenton", "region", "NJ",
                        "postalCode", "08601", "country", "US"),
                "payment", Map.of("method", "card", "token", "tok_visa"));
        String key = UUID.randomUUID().toString();
        String orderId = given().auth().oauth2(customer).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(order).post("/api/v1/orders").then().statusCode(201)
                .body("total.amount", equalTo(9000)).extract().path("id");
        given().auth().oauth2(customer).contentType(ContentType.JSON).header("Idempotency-Key", key).body(order)
                .post("/api/v1/orders").then().statusCode(200).body("id", equalTo(orderId));

        String warehouseOrderId = Awaitility.await().atMost(Duration.ofSeconds(15)).until(
                () -> given().auth().oauth2(warehouse).queryParam("status", "NEW")
                        .get("/api/v1/warehouses/{w}/orders", warehouseId).jsonPath().<String>getList("items.id"),
                ids -> !ids.isEmpty()).get(0);
        given().auth().oauth2(warehouse).post("/api/v1/warehouses/{w}/orders/{o}/acknowledge", warehouseId,
                warehouseOrderId).then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        given().auth().oauth2(warehouse).post("/api/v1/warehouses/{w}/orders/{o}/ship", warehouseId,
                warehouseOrderId).then().statusCode(200).body("status", equalTo("SHIPPED"));

        given().auth().oauth2(customer).get("/api/v1/orders/{id}", orderId).then().statusCode(200)
                .body("status", equalTo("SHIPPED")).body("shipments[0].warehouseId", equalTo(warehouseId));
        given().auth().oauth2(warehouse).get("/api/v1/warehouses/{w}/stock", warehouseId).then()
                .body("items[0].physicalStock", equalTo(3)).body("items[0].availableStock", equalTo(3));
        given().get("/api/v1/items/{id}", itemId).then().body("stock.available", equalTo(3));
        given().auth().oauth2(admin).get("/api/v1/admin/stock/audit").then().statusCode(200)
                .body("ok", equalTo(true));
    }

    @Test
    void shouldAnswerFailuresAsProblems() {
        given().get("/api/v1/nowhere").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
        given().get("/api/v1/cart").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(customerToken(UUID.randomUUID())).get("/api/v1/admin/stock/audit").then()
                .statusCode(403);
        given().queryParam("q", "'%_:*🎧").get("/api/v1/items").then().statusCode(200);
        given().get("/api/v1/items/not-a-uuid").then().statusCode(400).body("field", equalTo("itemId"));
    }

    @Test
    void shouldReportHealthMetricsAndTheApiDescription() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Background jobs"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/started").then().statusCode(200);
        given().get("/api/v1/items?limit=1").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(List.of("shop_reservations_active", "shop_assignment_backlog", "shop_outbox_backlog",
                "http_server_requests_seconds")).allSatisfy(name -> assertThat(metrics).contains(name));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/orders"));
        given().header("X-Request-Id", "trace-123").get("/api/v1/items?limit=1").then()
                .header("X-Request-Id", "trace-123");
    }
}
