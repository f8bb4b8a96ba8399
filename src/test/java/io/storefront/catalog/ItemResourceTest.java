package io.storefront.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storefront.support.Fixtures;
import io.storefront.support.Tokens;

@QuarkusTest
class ItemResourceTest {

    @Inject
    Fixtures fixtures;

    @Test
    void shouldShowAnItemWithItsLiveStock() {
        UUID id = fixtures.item("Trail Backpack", "A 30 litre pack", 8999, 7);

        given().get("/api/v1/items/{id}", id).then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("name", equalTo("Trail Backpack"))
                .body("description", equalTo("A 30 litre pack"))
                .body("price.amount", equalTo(8999))
                .body("price.currency", equalTo("USD"))
                .body("stock.available", equalTo(7))
                .body("stock.inStock", equalTo(true));

        fixtures.addStock(id, 3);
        given().get("/api/v1/items/{id}", id).then().body("stock.available", equalTo(10));
    }

    @Test
    void shouldSayOutOfStockWhenNothingIsLeft() {
        UUID id = fixtures.item("Sold Out Lamp", 0);
        given().get("/api/v1/items/{id}", id).then().statusCode(200)
                .body("stock.available", equalTo(0)).body("stock.inStock", equalTo(false));
    }

    @Test
    void shouldAnswer404ForAnUnknownItemAnd400ForAMalformedId() {
        given().get("/api/v1/items/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        given().get("/api/v1/items/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED")).body("field", equalTo("itemId"));
    }

    @Test
    void shouldLetAnAdminCreateAndUpdateItems() {
        String id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Espresso Grinder", "description", "Burr grinder",
                        "price", Map.of("amount", 12900, "currency", "USD")))
                .post("/api/v1/items").then().statusCode(201)
                .header("Location", notNullValue())
                .body("stock.available", equalTo(0))
                .extract().path("id");

        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Espresso Grinder Pro", "description", "Conical burr grinder",
                        "price", Map.of("amount", 14900)))
                .put("/api/v1/items/{id}", id).then().statusCode(200)
                .body("name", equalTo("Espresso Grinder Pro")).body("price.amount", equalTo(14900));

        given().get("/api/v1/items/{id}", id).then().body("name", equalTo("Espresso Grinder Pro"));
    }

    @Test
    void shouldRefuseInvalidItems() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "", "description", "x", "price", Map.of("amount", 100)))
                .post("/api/v1/items").then().statusCode(400).body("field", equalTo("name"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Cheap", "description", "x", "price", Map.of("amount", -1)))
                .post("/api/v1/items").then().statusCode(400).body("field", equalTo("price.amount"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Euro", "description", "x", "price", Map.of("amount", 1, "currency", "EUR")))
                .post("/api/v1/items").then().statusCode(400).body("field", equalTo("price.currency"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"Float\",\"description\":\"x\",\"price\":{\"amount\":1.5}}")
                .post("/api/v1/items").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "X", "description", "x", "price", Map.of("amount", 1)))
                .put("/api/v1/items/{id}", UUID.randomUUID()).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void shouldKeepCatalogChangesForAdmins() {
        Map<String, Object> item = Map.of("name", "Nope", "description", "x", "price", Map.of("amount", 1));
        given().contentType(ContentType.JSON).body(item).post("/api/v1/items").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(Tokens.customer(UUID.randomUUID())).contentType(ContentType.JSON).body(item)
                .post("/api/v1/items").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(Tokens.warehouse(UUID.randomUUID())).contentType(ContentType.JSON).body(item)
                .post("/api/v1/items").then().statusCode(403);
        given().auth().oauth2("not.a.token").contentType(ContentType.JSON).body(item)
                .post("/api/v1/items").then().statusCode(401);
    }
}
