package io.storefront;

import static io.restassured.RestAssured.given;
import static io.storefront.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;
import io.storefront.support.Tokens;

/** Promises of API.md and DOMAIN.md that no other test held the service to. */
@QuarkusTest
class ContractGapsTest {

    @Inject
    Fixtures fixtures;

    @AfterEach
    void auditStaysClean() {
        fixtures.auditOwnItems();
    }

    /** Physical stock is there, but part of it is promised to a warehouse order: only the rest may be lost. */
    @Test
    void shouldRefuseALossLargerThanWhatIsAvailableEvenWhenItIsOnTheShelves() {
        UUID item = fixtures.item("Promised Lamp " + Fixtures.marker(), 5);
        UUID warehouse = fixtures.warehouse();
        UUID customer = UUID.randomUUID();
        Api.awaitShipments(customer, Api.order(customer, Map.of(item, 3)));
        assertThat(fixtures.physical(item, warehouse)).isEqualTo(5);
        assertThat(fixtures.available(item, warehouse)).isEqualTo(2);

        given().auth().oauth2(Tokens.warehouse(warehouse)).contentType(ContentType.JSON)
                .body(Map.of("quantity", 3, "eventId", UUID.randomUUID().toString(), "reason", "Broken"))
                .post("/api/v1/warehouses/{w}/stock/{i}/losses", warehouse, item)
                .then().statusCode(409).body("code", equalTo("INSUFFICIENT_STOCK"));

        assertThat(fixtures.physical(item, warehouse)).isEqualTo(5);
        assertThat(fixtures.available(item, warehouse)).isEqualTo(2);
    }

    @Test
    void shouldLetOnlyAdminsChangeItems() {
        UUID item = fixtures.item("Guarded Mug " + Fixtures.marker(), 1);
        Map<String, Object> change = Map.of("name", "Renamed", "description", "x", "price",
                Map.of("amount", 1, "currency", "USD"));

        as(UUID.randomUUID()).contentType(ContentType.JSON).body(change).put("/api/v1/items/{id}", item)
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(Tokens.warehouse(fixtures.warehouse())).contentType(ContentType.JSON).body(change)
                .put("/api/v1/items/{id}", item).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().contentType(ContentType.JSON).body(change).put("/api/v1/items/{id}", item)
                .then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().get("/api/v1/items/{id}", item).then().statusCode(200).body("name", equalTo(
                fixtures.queryText("SELECT name FROM item WHERE id = ?", item)));
    }

    @Test
    void shouldPageSearchResultsTwentyAtATimeByDefaultWithEveryPromisedField() {
        String m = Fixtures.marker();
        for (int i = 0; i < 23; i++) {
            fixtures.item("Default Page Candle " + m + " " + i, "Beeswax", 500 + i, i % 2);
        }

        var page = given().queryParam("q", m + " candle").get("/api/v1/items").then().statusCode(200)
                .body("items", hasSize(20)).body("nextCursor", notNullValue())
                .body("items[0].id", notNullValue()).body("items[0].name", notNullValue())
                .body("items[0].description", equalTo("Beeswax"))
                .body("items[0].price.currency", equalTo("USD")).body("items[0].price.amount", notNullValue())
                .body("items[0].stock.available", notNullValue()).body("items[0].stock.inStock", notNullValue())
                .extract().jsonPath();
        given().queryParam("q", m + " candle").queryParam("cursor", page.getString("nextCursor"))
                .get("/api/v1/items").then().statusCode(200).body("items", hasSize(3))
                .body("nextCursor", equalTo(null));
    }

    /** A cart shows the price of now; a checkout charges it, whatever the price was when the line was added. */
    @Test
    void shouldPriceTheCartAndTheCheckoutAtTheCurrentPrice() {
        UUID item = fixtures.item("Repriced Kettle " + Fixtures.marker(), "Steel", 3000, 5);
        UUID customer = UUID.randomUUID();
        Api.putInCart(customer, item, 2).then().statusCode(200);

        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Repriced Kettle", "description", "Steel", "price",
                        Map.of("amount", 2500, "currency", "USD")))
                .put("/api/v1/items/{id}", item).then().statusCode(200);

        as(customer).get("/api/v1/cart").then().statusCode(200).body("lines[0].unitPrice.amount", equalTo(2500));
        Api.beginCheckout(customer).then().statusCode(201).body("total.amount", equalTo(5000));
    }

    @Test
    void shouldRefuseAWarehouseTokenThatNamesNoWarehouse() {
        String token = Jwt.subject(UUID.randomUUID().toString()).groups("warehouse").sign();
        given().auth().oauth2(token).get("/api/v1/warehouses/{w}/stock", fixtures.warehouse())
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
    }

    /** API.md: the groups claim holds exactly one role; a token with two acts as neither. */
    @Test
    void shouldRefuseATokenThatCarriesTwoRoles() {
        UUID customer = UUID.randomUUID();
        UUID item = fixtures.item("Two Roles Vase " + Fixtures.marker(), 3);
        String token = Jwt.subject(customer.toString()).groups(Set.of("customer", "admin")).sign();

        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("name", "Taken Over", "description", "x", "price", Map.of("amount", 1, "currency", "USD")))
                .put("/api/v1/items/{id}", item)
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"))
                .body("detail", containsString("exactly one role"));
        given().auth().oauth2(token).get("/api/v1/admin/stock/audit").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("quantity", 1))
                .put("/api/v1/cart/items/{id}", item).then().statusCode(403).body("code", equalTo("FORBIDDEN"));

        as(UUID.randomUUID()).get("/api/v1/items/{id}", item).then().statusCode(200)
                .body("name", startsWith("Two Roles Vase"));
        assertThat(fixtures.queryInt("SELECT count(*) FROM cart_line WHERE customer_id = ?", customer)).isZero();
    }

    /** DOMAIN.md: no stock number is ever negative, nor available above physical, enforced by the database. */
    @Test
    void shouldRefuseDirectWritesThatBreakTheStockConstraints() {
        UUID item = fixtures.item("Constrained Drill " + Fixtures.marker(), 2);
        UUID warehouse = fixtures.warehouse();
        for (String write : List.of("UPDATE warehouse_stock SET physical = -1, available = -1",
                "UPDATE warehouse_stock SET available = -1", "UPDATE warehouse_stock SET available = physical + 1")) {
            assertThatThrownBy(() -> fixtures.execute(write + " WHERE item_id = ? AND warehouse_id = ?", item, warehouse))
                    .as(write).hasMessageContaining("check constraint");
        }
        assertThatThrownBy(() -> fixtures.execute("UPDATE item_stock SET aggregated = -1 WHERE item_id = ?", item))
                .hasMessageContaining("check constraint");
        assertThat(fixtures.available(item, warehouse)).isEqualTo(2);
    }

    /** The Idempotency-Key format README.md documents: 8 to 100 of letters, digits, '-' and '_'. */
    @Test
    void shouldAcceptIdempotencyKeysOfTheDocumentedShapeAndRefuseOthers() {
        UUID item = fixtures.item("Keyed Blanket " + Fixtures.marker(), 5);
        UUID customer = UUID.randomUUID();
        String checkoutId = Api.checkout(customer, Map.of(item, 1));
        for (String bad : List.of("short", "x".repeat(101), "has space12", "semi;colon1", "ümlaut-key")) {
            Api.submit(customer, bad, checkoutId, "tok_visa").then().statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED")).body("field", equalTo("Idempotency-Key"));
        }
        String key = "order_2026-11-29_" + "k".repeat(10);
        String orderId = Api.submit(customer, key, checkoutId, "tok_visa").then().statusCode(201).extract().path("id");
        Api.submit(customer, key, checkoutId, "tok_visa").then().statusCode(200).body("id", equalTo(orderId));
    }
}
