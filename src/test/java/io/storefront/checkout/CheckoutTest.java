package io.storefront.checkout;

import static io.restassured.RestAssured.given;
import static io.storefront.support.Api.as;
import static io.storefront.support.Api.beginCheckout;
import static io.storefront.support.Api.putInCart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;

@QuarkusTest
class CheckoutTest {

    @Inject
    Fixtures fixtures;

    @AfterEach
    void auditStaysClean() {
        fixtures.auditOwnItems();
    }

    @Test
    void shouldReserveWhatIsInStockAndReportTheRest() {
        UUID customer = UUID.randomUUID();
        UUID lamp = fixtures.item("Checkout Lamp", "", 2500, 5);
        UUID rug = fixtures.item("Checkout Rug", "", 9900, 1);
        putInCart(customer, lamp, 2).then().statusCode(200);
        putInCart(customer, rug, 1).then().statusCode(200);
        Api.checkout(UUID.randomUUID(), Map.of(rug, 1)); // someone else takes the last rug

        var response = beginCheckout(customer).then().statusCode(201)
                .body("id", notNullValue())
                .body("status", equalTo("ACTIVE"))
                .body("reserved", hasSize(1))
                .body("reserved[0].itemId", equalTo(lamp.toString()))
                .body("reserved[0].quantity", equalTo(2))
                .body("unavailable", hasSize(1))
                .body("unavailable[0].itemId", equalTo(rug.toString()))
                .body("unavailable[0].requested", equalTo(1))
                .body("unavailable[0].available", equalTo(0))
                .body("total.amount", equalTo(5000))
                .extract();
        Instant expiresAt = Instant.parse(response.path("expiresAt"));
        assertThat(expiresAt).isBetween(Instant.now().plusSeconds(590), Instant.now().plusSeconds(610));
        assertThat(fixtures.aggregated(lamp)).isEqualTo(3);
        assertThat(fixtures.aggregated(rug)).isEqualTo(0);
    }

    @Test
    void shouldReturnTheActiveCheckoutUnchangedWhenBegunAgain() {
        UUID customer = UUID.randomUUID();
        UUID pen = fixtures.item("Checkout Pen", 10);
        String id = Api.checkout(customer, Map.of(pen, 3));

        beginCheckout(customer).then().statusCode(200).body("id", equalTo(id)).body("reserved[0].quantity", equalTo(3));
        as(customer).get("/api/v1/checkout").then().statusCode(200).body("id", equalTo(id));
        assertThat(fixtures.aggregated(pen)).isEqualTo(7);
    }

    @Test
    void shouldReleaseExactlyTheReservationsWhenCancelled() {
        UUID customer = UUID.randomUUID();
        UUID a = fixtures.item("Checkout Cup", 10);
        UUID b = fixtures.item("Checkout Saucer", 4);
        Api.checkout(customer, Map.of(a, 3, b, 4));
        assertThat(fixtures.aggregated(a)).isEqualTo(7);
        assertThat(fixtures.aggregated(b)).isEqualTo(0);

        as(customer).delete("/api/v1/checkout").then().statusCode(204);

        assertThat(fixtures.aggregated(a)).isEqualTo(10);
        assertThat(fixtures.aggregated(b)).isEqualTo(4);
        as(customer).get("/api/v1/checkout").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        as(customer).delete("/api/v1/checkout").then().statusCode(409).body("code", equalTo("CHECKOUT_NOT_ACTIVE"));
        putInCart(customer, a, 5).then().statusCode(200);
    }

    @Test
    void shouldRefuseAnEmptyCart() {
        UUID customer = UUID.randomUUID();
        beginCheckout(customer).then().statusCode(409).body("code", equalTo("CART_EMPTY"));
        as(customer).get("/api/v1/checkout").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        as(customer).delete("/api/v1/checkout").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void shouldRefuseWhenNothingCanBeReserved() {
        UUID customer = UUID.randomUUID();
        UUID vase = fixtures.item("Checkout Vase", 1);
        putInCart(customer, vase, 1).then().statusCode(200);
        Api.checkout(UUID.randomUUID(), Map.of(vase, 1));

        beginCheckout(customer).then().statusCode(409).body("code", equalTo("OUT_OF_STOCK"))
                .body("lines", hasSize(1)).body("lines[0].itemId", equalTo(vase.toString()))
                .body("lines[0].available", equalTo(0));
        as(customer).get("/api/v1/checkout").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void shouldLockTheCartDuringCheckout() {
        UUID customer = UUID.randomUUID();
        UUID soap = fixtures.item("Checkout Soap", 10);
        Api.checkout(customer, Map.of(soap, 1));

        putInCart(customer, soap, 2).then().statusCode(409).body("code", equalTo("CHECKOUT_ACTIVE"));
        as(customer).delete("/api/v1/cart/items/{id}", soap).then().statusCode(409)
                .body("code", equalTo("CHECKOUT_ACTIVE"));
    }

    @Test
    void shouldKeepCheckoutToCustomers() {
        given().post("/api/v1/checkout").then().statusCode(401);
        given().auth().oauth2(io.storefront.support.Tokens.admin()).post("/api/v1/checkout").then().statusCode(403);
    }
}
