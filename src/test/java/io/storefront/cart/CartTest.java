package io.storefront.cart;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.storefront.support.Fixtures;
import io.storefront.support.Tokens;

@QuarkusTest
class CartTest {

    @Inject
    Fixtures fixtures;

    @Test
    void shouldStartEmpty() {
        as(UUID.randomUUID()).get("/api/v1/cart").then().statusCode(200)
                .body("lines", empty()).body("total.amount", equalTo(0)).body("total.currency", equalTo("USD"));
    }

    @Test
    void shouldSetLinesAndTotalWithoutTouchingStock() {
        UUID customer = UUID.randomUUID();
        UUID mug = fixtures.item("Camp Mug", "Enamel", 1250, 10);
        UUID towel = fixtures.item("Beach Towel", "Cotton", 2000, 3);

        put(customer, mug, 2).then().statusCode(200).body("lines", hasSize(1));
        put(customer, towel, 3).then().statusCode(200)
                .body("lines", hasSize(2))
                .body("lines[0].itemId", equalTo(mug.toString()))
                .body("lines[0].name", equalTo("Camp Mug"))
                .body("lines[0].quantity", equalTo(2))
                .body("lines[0].unitPrice.amount", equalTo(1250))
                .body("lines[0].stock.available", equalTo(10))
                .body("lines[0].stock.inStock", equalTo(true))
                .body("total.amount", equalTo(2 * 1250 + 3 * 2000));
        put(customer, mug, 5).then().statusCode(200).body("lines[0].quantity", equalTo(5));

        org.assertj.core.api.Assertions.assertThat(fixtures.aggregated(mug)).isEqualTo(10);
        org.assertj.core.api.Assertions.assertThat(fixtures.aggregated(towel)).isEqualTo(3);
    }

    @Test
    void shouldRefuseMoreThanTheStockWithWhatIsAvailable() {
        UUID customer = UUID.randomUUID();
        UUID kettle = fixtures.item("Kettle", 4);

        put(customer, kettle, 5).then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("OUT_OF_STOCK"))
                .body("available", equalTo(4))
                .body("itemId", equalTo(kettle.toString()));
        as(customer).get("/api/v1/cart").then().body("lines", empty());
    }

    @Test
    void shouldRemoveLinesWithZeroOrDelete() {
        UUID customer = UUID.randomUUID();
        UUID a = fixtures.item("Pen", 10);
        UUID b = fixtures.item("Notebook", 10);
        put(customer, a, 1);
        put(customer, b, 1);

        put(customer, a, 0).then().statusCode(200).body("lines", hasSize(1));
        as(customer).delete("/api/v1/cart/items/{id}", b).then().statusCode(200).body("lines", empty());
        as(customer).delete("/api/v1/cart/items/{id}", b).then().statusCode(200).body("lines", empty());
    }

    @Test
    void shouldRefuseBadQuantities() {
        UUID customer = UUID.randomUUID();
        UUID item = fixtures.item("Candle", 1000);
        for (String body : List.of("{\"quantity\":-1}", "{\"quantity\":1.5}", "{\"quantity\":\"3\"}",
                "{\"quantity\":101}", "{\"quantity\":100000000000000000000}", "{\"quantity\":null}", "{}",
                "{\"quantity\":true}", "[]", "3")) {
            as(customer).contentType(ContentType.JSON).body(body).put("/api/v1/cart/items/{id}", item).then()
                    .statusCode(400).contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"));
        }
        as(customer).contentType(ContentType.JSON).body("{\"quantity\":2,\"colour\":\"red\"}")
                .put("/api/v1/cart/items/{id}", item).then().statusCode(400).body("field", equalTo("colour"));
        put(customer, item, 100).then().statusCode(200);
    }

    @Test
    void shouldAnswer404ForUnknownItemsAnd400ForMalformedIds() {
        UUID customer = UUID.randomUUID();
        put(customer, UUID.randomUUID(), 1).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        put(customer, UUID.randomUUID(), 0).then().statusCode(404);
        as(customer).delete("/api/v1/cart/items/{id}", UUID.randomUUID()).then().statusCode(404);
        as(customer).contentType(ContentType.JSON).body(Map.of("quantity", 1))
                .put("/api/v1/cart/items/12345").then().statusCode(400).body("field", equalTo("itemId"));
    }

    @Test
    void shouldKeepEachCustomersCartToThemselves() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID item = fixtures.item("Scarf", 10);
        put(alice, item, 2);

        as(bob).get("/api/v1/cart").then().statusCode(200).body("lines", empty());
        as(alice).get("/api/v1/cart").then().body("lines", hasSize(1));
    }

    @Test
    void shouldAskForACustomerToken() {
        given().get("/api/v1/cart").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/cart").then().statusCode(403);
        given().auth().oauth2(Tokens.warehouse(UUID.randomUUID())).get("/api/v1/cart").then().statusCode(403);
    }

    @Test
    void shouldRefuseCartChangesWhileACheckoutIsActive() {
        UUID customer = UUID.randomUUID();
        UUID item = fixtures.item("Umbrella", 10);
        put(customer, item, 1);
        fixtures.activeCheckout(customer);

        put(customer, item, 2).then().statusCode(409).body("code", equalTo("CHECKOUT_ACTIVE"));
        as(customer).delete("/api/v1/cart/items/{id}", item).then().statusCode(409)
                .body("code", equalTo("CHECKOUT_ACTIVE"));
    }

    private static RequestSpecification as(UUID customer) {
        return given().auth().oauth2(Tokens.customer(customer));
    }

    private static io.restassured.response.Response put(UUID customer, UUID item, int quantity) {
        return as(customer).contentType(ContentType.JSON).body(Map.of("quantity", quantity))
                .put("/api/v1/cart/items/{id}", item);
    }
}
