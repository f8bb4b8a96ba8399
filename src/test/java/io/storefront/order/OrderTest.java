package io.storefront.order;

import static io.restassured.RestAssured.given;
import static io.storefront.support.Api.as;
import static io.storefront.support.Api.putInCart;
import static io.storefront.support.Api.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;
import io.storefront.support.Tokens;

@QuarkusTest
class OrderTest {

    @Inject
    Fixtures fixtures;

    @AfterEach
    void auditStaysClean() {
        fixtures.auditOwnItems();
    }

    /** API.md lets admins read every order, not act on them: only the customer who placed it cancels it. */
    @Test
    void shouldLetOnlyTheCustomerWhoPlacedAnOrderCancelIt() {
        UUID item = fixtures.item("Owner Only Lamp", 3);
        UUID customer = UUID.randomUUID();
        String orderId = Api.order(customer, Map.of(item, 1));

        given().auth().oauth2(Tokens.admin()).post("/api/v1/orders/{id}/cancel", orderId).then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        as(UUID.randomUUID()).post("/api/v1/orders/{id}/cancel", orderId).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/orders/{id}", orderId).then().statusCode(200)
                .body("status", not(equalTo("CANCELLED")));

        as(customer).post("/api/v1/orders/{id}/cancel", orderId).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        assertThat(fixtures.aggregated(item)).isEqualTo(3);
    }

    @Test
    void shouldTurnTheCheckoutIntoAnOrderWithoutChangingStock() {
        UUID customer = UUID.randomUUID();
        UUID boots = fixtures.item("Order Boots", "", 12000, 5);
        UUID socks = fixtures.item("Order Socks", "", 900, 1);
        UUID hat = fixtures.item("Order Hat", "", 2500, 1);
        putInCart(customer, boots, 2).then().statusCode(200);
        putInCart(customer, socks, 1).then().statusCode(200);
        putInCart(customer, hat, 1).then().statusCode(200);
        Api.checkout(UUID.randomUUID(), Map.of(hat, 1)); // the hat is gone before this customer checks out
        String checkoutId = Api.beginCheckout(customer).then().statusCode(201).extract().path("id");

        String key = UUID.randomUUID().toString();
        String orderId = submit(customer, key, checkoutId, "tok_visa").then().statusCode(201)
                .header("Location", notNullValue())
                .body("status", equalTo("PLACED"))
                .body("lines", hasSize(2))
                .body("total.amount", equalTo(2 * 12000 + 900))
                .body("total.currency", equalTo("USD"))
                .body("shippingAddress.city", equalTo("Springfield"))
                .body("createdAt", notNullValue())
                .extract().path("id");

        assertThat(fixtures.aggregated(boots)).isEqualTo(3);
        assertThat(fixtures.aggregated(socks)).isEqualTo(0);
        as(customer).get("/api/v1/checkout").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        as(customer).get("/api/v1/cart").then().body("lines", hasSize(1))
                .body("lines[0].itemId", equalTo(hat.toString()));
        // The assignment worker may already have assigned it to the warehouse.
        as(customer).get("/api/v1/orders/{id}", orderId).then().statusCode(200).body("id", equalTo(orderId))
                .body("status", org.hamcrest.Matchers.oneOf("PLACED", "ASSIGNED"));
    }

    @Test
    void shouldReplayTheSameKeyAndBodyAndRefuseAnotherBody() {
        UUID customer = UUID.randomUUID();
        UUID item = fixtures.item("Order Kettle", 5);
        String checkoutId = Api.checkout(customer, Map.of(item, 1));
        String key = UUID.randomUUID().toString();
        String orderId = submit(customer, key, checkoutId, "tok_visa").then().statusCode(201).extract().path("id");

        submit(customer, key, checkoutId, "tok_visa").then().statusCode(200).body("id", equalTo(orderId));
        submit(customer, key, checkoutId, "tok_mastercard").then().statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertThat(fixtures.queryInt("SELECT count(*) FROM customer_order WHERE customer_id = ?", customer))
                .isEqualTo(1);
        submit(customer, UUID.randomUUID().toString(), checkoutId, "tok_visa").then().statusCode(409)
                .body("code", equalTo("CHECKOUT_NOT_ACTIVE"));
    }

    @Test
    void shouldKeepTheCheckoutActiveWhenPaymentIsDeclined() {
        UUID customer = UUID.randomUUID();
        UUID item = fixtures.item("Order Blender", 5);
        String checkoutId = Api.checkout(customer, Map.of(item, 2));

        submit(customer, UUID.randomUUID().toString(), checkoutId, TestPaymentGateway.DECLINED_TOKEN).then()
                .statusCode(402).body("code", equalTo("PAYMENT_DECLINED"));
        as(customer).get("/api/v1/checkout").then().statusCode(200).body("id", equalTo(checkoutId));
        assertThat(fixtures.aggregated(item)).isEqualTo(3);

        submit(customer, UUID.randomUUID().toString(), checkoutId, "tok_visa").then().statusCode(201);
    }

    @Test
    void shouldRefuseMalformedSubmissions() {
        UUID customer = UUID.randomUUID();
        UUID item = fixtures.item("Order Toaster", 5);
        String checkoutId = Api.checkout(customer, Map.of(item, 1));

        as(customer).contentType(ContentType.JSON)
                .body(Map.of("checkoutId", checkoutId, "shippingAddress", Api.ADDRESS,
                        "payment", Map.of("method", "card", "token", "tok_visa")))
                .post("/api/v1/orders").then().statusCode(400).body("field", equalTo("Idempotency-Key"));
        submit(customer, UUID.randomUUID().toString(), "not-a-uuid", "tok_visa").then().statusCode(400)
                .body("field", equalTo("checkoutId"));
        as(customer).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("checkoutId", checkoutId, "shippingAddress", Map.of("name", "A"),
                        "payment", Map.of("method", "card", "token", "tok_visa")))
                .post("/api/v1/orders").then().statusCode(400).body("field", equalTo("shippingAddress.line1"));
        as(customer).contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("checkoutId", checkoutId, "shippingAddress", Api.ADDRESS,
                        "payment", Map.of("method", "cash", "token", "x")))
                .post("/api/v1/orders").then().statusCode(400).body("field", equalTo("payment.method"));
        submit(customer, UUID.randomUUID().toString(), UUID.randomUUID().toString(), "tok_visa").then()
                .statusCode(404).body("code", equalTo("NOT_FOUND"));
        submit(UUID.randomUUID(), UUID.randomUUID().toString(), checkoutId, "tok_visa").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void shouldListOnlyTheCallersOrdersNewestFirst() {
        UUID customer = UUID.randomUUID();
        UUID item = fixtures.item("Order Spoon", 20);
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(0, Api.order(customer, Map.of(item, 1)));
        }
        String someoneElses = Api.order(UUID.randomUUID(), Map.of(item, 1));

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(customer).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/orders").then().statusCode(200).extract().jsonPath();
            listed.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertThat(listed).containsExactlyElementsOf(placed);
        as(customer).get("/api/v1/orders/{id}", someoneElses).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/orders/{id}", someoneElses).then().statusCode(200);
        as(customer).get("/api/v1/orders/not-a-uuid").then().statusCode(400);
    }

    @Test
    void shouldReturnStockWhenCancelledAndCancelTwiceHarmlessly() {
        UUID customer = UUID.randomUUID();
        UUID item = fixtures.item("Order Pillow", 4);
        String orderId = Api.order(customer, Map.of(item, 3));
        assertThat(fixtures.aggregated(item)).isEqualTo(1);

        as(customer).post("/api/v1/orders/{id}/cancel", orderId).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        assertThat(fixtures.aggregated(item)).isEqualTo(4);
        as(customer).post("/api/v1/orders/{id}/cancel", orderId).then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        assertThat(fixtures.aggregated(item)).isEqualTo(4);
        as(UUID.randomUUID()).post("/api/v1/orders/{id}/cancel", orderId).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void shouldRefuseToCancelAnOrderThatHasShipped() {
        UUID customer = UUID.randomUUID();
        UUID item = fixtures.item("Order Shipped Chair", 4);
        String orderId = Api.order(customer, Map.of(item, 1));
        String warehouseOrderId = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> as(customer).get("/api/v1/orders/{id}", orderId).jsonPath()
                        .getString("shipments[0].warehouseOrderId"), java.util.Objects::nonNull);
        given().auth().oauth2(Tokens.warehouse(fixtures.warehouse()))
                .post("/api/v1/warehouses/{w}/orders/{o}/ship", fixtures.warehouse(), warehouseOrderId)
                .then().statusCode(200);

        as(customer).post("/api/v1/orders/{id}/cancel", orderId).then().statusCode(409)
                .body("code", equalTo("ORDER_NOT_CANCELLABLE"));
        as(customer).get("/api/v1/orders/{id}", orderId).then().body("status", equalTo("SHIPPED"));
        assertThat(fixtures.aggregated(item)).isEqualTo(3);
    }
}
