package io.storefront.warehouse;

import static io.restassured.RestAssured.given;
import static io.storefront.support.Api.receipt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;
import io.storefront.support.Race;
import io.storefront.support.RaceHttp;
import io.storefront.support.Tokens;

@QuarkusTest
class WarehouseStockTest {

    @Inject
    Fixtures fixtures;

    @AfterEach
    void auditStaysClean() {
        fixtures.auditOwnItems();
    }

    @Test
    void shouldLetAnAdminCreateAndListWarehouses() {
        String id = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Columbus DC", "address", Map.of("name", "Columbus DC", "line1", "1 Rail Way",
                        "city", "Columbus", "region", "OH", "postalCode", "43004", "country", "US"),
                        "latitude", 39.96, "longitude", -82.99))
                .post("/api/v1/warehouses").then().statusCode(201)
                .header("Location", notNullValue())
                .body("name", equalTo("Columbus DC")).body("address.city", equalTo("Columbus"))
                .extract().path("id");

        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(Tokens.admin()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/warehouses").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(ids).contains(id).doesNotHaveDuplicates();
    }

    @Test
    void shouldRefuseInvalidWarehouses() {
        Map<String, Object> address = Map.of("name", "X", "line1", "1 A St", "city", "Reno", "region", "NV",
                "postalCode", "89501", "country", "US");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Hook", "address", address, "webhookUrl", "http://example.com/hook",
                        "webhookSecret", "short"))
                .post("/api/v1/warehouses").then().statusCode(400).body("field", equalTo("webhookSecret"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Bad\u0000Name", "address", address))
                .post("/api/v1/warehouses").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Hook", "address", address, "webhookUrl", "ftp://x", "webhookSecret",
                        "0123456789abcdef"))
                .post("/api/v1/warehouses").then().statusCode(400).body("field", equalTo("webhookUrl"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(Map.of("name", "No address"))
                .post("/api/v1/warehouses").then().statusCode(400).body("field", equalTo("address"));
        given().auth().oauth2(Tokens.customer(UUID.randomUUID())).get("/api/v1/warehouses").then()
                .statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(Tokens.warehouse(UUID.randomUUID())).get("/api/v1/warehouses").then()
                .statusCode(403).body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void shouldMakeAWebhookSecretWhenNoneIsGivenAndShowItOnlyOnce() {
        Map<String, Object> address = Map.of("name", "X", "line1", "1 A St", "city", "Reno", "region", "NV",
                "postalCode", "89501", "country", "US");
        String secret = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Hooked", "address", address, "webhookUrl", "http://example.com/hook"))
                .post("/api/v1/warehouses").then().statusCode(201).extract().path("webhookSecret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        String listed = given().auth().oauth2(Tokens.admin()).queryParam("limit", 100).get("/api/v1/warehouses")
                .then().statusCode(200).extract().asString();
        assertThat(listed).doesNotContain(secret).doesNotContain("webhookSecret");
    }

    @Test
    void shouldRefuseAnEventIdReusedForAnotherReport() {
        UUID warehouse = fixtures.warehouse("Reuse DC", "Dallas", "TX", 32.78, -96.8);
        UUID other = fixtures.warehouse("Reuse Other DC", "Dallas", "TX", 32.78, -96.8);
        UUID item = fixtures.item("Reuse Item", 0);
        String eventId = UUID.randomUUID().toString();
        receipt(warehouse, item, 3, eventId).then().statusCode(201);

        receipt(warehouse, item, 4, eventId).then().statusCode(409).body("code", equalTo("EVENT_ID_REUSED"));
        receipt(other, item, 3, eventId).then().statusCode(409).body("code", equalTo("EVENT_ID_REUSED"));
        assertThat(fixtures.physical(item, other)).isZero();
        assertThat(fixtures.aggregated(item)).isEqualTo(3);
    }

    @Test
    void shouldRaiseAllThreeStockNumbersOnAReceiptOnce() {
        UUID warehouse = fixtures.warehouse("Receipt DC", "Dallas", "TX", 32.78, -96.8);
        UUID item = fixtures.item("Receipt Item", 0);
        String eventId = UUID.randomUUID().toString();

        receipt(warehouse, item, 12, eventId).then().statusCode(201)
                .body("physicalStock", equalTo(12)).body("availableStock", equalTo(12))
                .body("eventId", equalTo(eventId)).body("kind", equalTo("RECEIPT"));
        receipt(warehouse, item, 12, eventId).then().statusCode(200)
                .body("physicalStock", equalTo(12)).body("availableStock", equalTo(12));

        assertThat(fixtures.physical(item, warehouse)).isEqualTo(12);
        assertThat(fixtures.aggregated(item)).isEqualTo(12);
        given().get("/api/v1/items/{id}", item).then().body("stock.available", equalTo(12));
    }

    /** Our own arithmetic must not overflow into a database error: the receipt is refused, naming the field. */
    @Test
    void shouldRefuseAReceiptThatWouldOverflowTheStock() {
        UUID warehouse = fixtures.warehouse("Overflow DC", "Dallas", "TX", 32.78, -96.8);
        UUID item = fixtures.item("Overflow Item", 0);
        fixtures.addStock(item, warehouse, 1);
        int nearMax = Integer.MAX_VALUE - 500_000;
        // Consistent numbers (aggregated = available = physical), near the top of an int.
        fixtures.execute("UPDATE warehouse_stock SET physical = ?, available = ? WHERE item_id = ?", nearMax, nearMax,
                item);
        fixtures.execute("UPDATE item_stock SET aggregated = ? WHERE item_id = ?", nearMax, item);
        try {
            receipt(warehouse, item, 1_000_000, UUID.randomUUID().toString()).then().statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED")).body("field", equalTo("quantity"));
            assertThat(fixtures.physical(item, warehouse)).isEqualTo(nearMax);
            assertThat(fixtures.aggregated(item)).isEqualTo(nearMax);
        } finally {
            fixtures.execute("UPDATE warehouse_stock SET physical = 1, available = 1 WHERE item_id = ?", item);
            fixtures.execute("UPDATE item_stock SET aggregated = 1 WHERE item_id = ?", item);
        }
    }

    @Test
    void shouldNameTheFieldOfAnOutOfRangeNumber() {
        UUID warehouse = fixtures.warehouse("Range DC", "Dallas", "TX", 32.78, -96.8);
        UUID item = fixtures.item("Range Item", 0);
        given().auth().oauth2(Tokens.warehouse(warehouse)).contentType(ContentType.JSON)
                .body("{\"quantity\": 99999999999, \"eventId\": \"" + UUID.randomUUID() + "\"}")
                .post("/api/v1/warehouses/{w}/stock/{i}/receipts", warehouse, item).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("field", equalTo("quantity"));
    }

    @Test
    void shouldApplyARepeatedEventIdOnceEvenWhenSentConcurrently() {
        UUID warehouse = fixtures.warehouse("Concurrent DC", "Dallas", "TX", 32.78, -96.8);
        UUID item = fixtures.item("Concurrent Receipt Item", 0);
        String eventId = UUID.randomUUID().toString();
        List<Callable<Integer>> tasks = new ArrayList<>();
        RaceHttp.Call receipt = RaceHttp.report(Tokens.warehouse(warehouse), warehouse, item, "receipts", 5, eventId,
                null);
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> receipt.send().status());
        }

        List<Integer> statuses = Race.run(tasks);

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(7);
        assertThat(fixtures.physical(item, warehouse)).isEqualTo(5);
        assertThat(fixtures.aggregated(item)).isEqualTo(5);
    }

    @Test
    void shouldLowerAllThreeStockNumbersOnALossAndRefuseMoreThanIsFree() {
        UUID warehouse = fixtures.warehouse("Loss DC", "Reno", "NV", 39.53, -119.81);
        UUID item = fixtures.item("Loss Item", 0);
        receipt(warehouse, item, 10, UUID.randomUUID().toString()).then().statusCode(201);
        String eventId = UUID.randomUUID().toString();

        loss(warehouse, item, 3, eventId).then().statusCode(201)
                .body("physicalStock", equalTo(7)).body("availableStock", equalTo(7));
        loss(warehouse, item, 3, eventId).then().statusCode(200).body("physicalStock", equalTo(7));
        assertThat(fixtures.aggregated(item)).isEqualTo(7);

        loss(warehouse, item, 8, UUID.randomUUID().toString()).then().statusCode(409)
                .body("code", equalTo("INSUFFICIENT_STOCK"));
        assertThat(fixtures.physical(item, warehouse)).isEqualTo(7);
        assertThat(fixtures.aggregated(item)).isEqualTo(7);
    }

    @Test
    void shouldRefuseALossOfStockThatCustomersAlreadyCountOn() {
        UUID warehouse = fixtures.warehouse("Promised DC", "Reno", "NV", 39.53, -119.81);
        UUID item = fixtures.item("Promised Item", 0);
        receipt(warehouse, item, 4, UUID.randomUUID().toString()).then().statusCode(201);
        Api.checkout(UUID.randomUUID(), Map.of(item, 3));

        loss(warehouse, item, 2, UUID.randomUUID().toString()).then().statusCode(409)
                .body("code", equalTo("INSUFFICIENT_STOCK"));
        assertThat(fixtures.physical(item, warehouse)).isEqualTo(4);
        loss(warehouse, item, 1, UUID.randomUUID().toString()).then().statusCode(201);
        assertThat(fixtures.aggregated(item)).isZero();
    }

    @Test
    void shouldRefuseBadReports() {
        UUID warehouse = fixtures.warehouse("Strict DC", "Reno", "NV", 39.53, -119.81);
        UUID item = fixtures.item("Strict Item", 0);
        receipt(warehouse, item, 0, UUID.randomUUID().toString()).then().statusCode(400)
                .body("field", equalTo("quantity"));
        receipt(warehouse, item, -5, UUID.randomUUID().toString()).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("field", equalTo("quantity"));
        receipt(warehouse, item, 5, "not-a-uuid").then().statusCode(400).body("field", equalTo("eventId"));
        receipt(warehouse, UUID.randomUUID(), 5, UUID.randomUUID().toString()).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(Tokens.warehouse(warehouse)).contentType(ContentType.JSON)
                .body(Map.of("quantity", 1, "eventId", UUID.randomUUID().toString()))
                .post("/api/v1/warehouses/{w}/stock/{i}/losses", warehouse, item).then().statusCode(400)
                .body("field", equalTo("reason"));
        receipt(UUID.randomUUID(), item, 5, UUID.randomUUID().toString(), Tokens.admin()).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void shouldKeepAWarehouseTokenToItsOwnWarehouse() {
        UUID mine = fixtures.warehouse("Mine DC", "Reno", "NV", 39.53, -119.81);
        UUID theirs = fixtures.warehouse("Theirs DC", "Dallas", "TX", 32.78, -96.8);
        UUID item = fixtures.item("Guarded Item", 0);
        String token = Tokens.warehouse(mine);

        receipt(theirs, item, 5, UUID.randomUUID().toString(), token).then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(token).get("/api/v1/warehouses/{w}/stock", theirs).then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(token).get("/api/v1/warehouses/{w}/orders", theirs).then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(Tokens.customer(UUID.randomUUID())).get("/api/v1/warehouses/{w}/stock", mine).then()
                .statusCode(403);
        receipt(theirs, item, 5, UUID.randomUUID().toString(), Tokens.admin()).then().statusCode(201);
    }

    @Test
    void shouldListAWarehousesStockPageByPage() {
        UUID warehouse = fixtures.warehouse("Listing DC", "Dallas", "TX", 32.78, -96.8);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID item = fixtures.item("Listed Item " + i, 0);
            receipt(warehouse, item, i + 1, UUID.randomUUID().toString()).then().statusCode(201);
            items.add(item.toString());
        }
        String token = Tokens.warehouse(warehouse);
        var first = given().auth().oauth2(token).queryParam("limit", 3).get("/api/v1/warehouses/{w}/stock", warehouse)
                .then().statusCode(200).body("items", hasSize(3)).extract().jsonPath();
        var second = given().auth().oauth2(token).queryParam("limit", 3).queryParam("cursor",
                first.getString("nextCursor"))
                .get("/api/v1/warehouses/{w}/stock", warehouse).then().statusCode(200).body("items", hasSize(2))
                .body("nextCursor", equalTo(null)).extract().jsonPath();
        List<String> listed = new ArrayList<>(first.getList("items.itemId"));
        listed.addAll(second.getList("items.itemId"));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(items);
        assertThat(first.getInt("items[0].physicalStock")).isEqualTo(first.getInt("items[0].availableStock"));
    }

    static Response loss(UUID warehouse, UUID item, int quantity, String eventId) {
        return given().auth().oauth2(Tokens.warehouse(warehouse)).contentType(ContentType.JSON)
                .body(Map.of("quantity", quantity, "eventId", eventId, "reason", "Dropped by a forklift"))
                .post("/api/v1/warehouses/{w}/stock/{i}/losses", warehouse, item);
    }
}
