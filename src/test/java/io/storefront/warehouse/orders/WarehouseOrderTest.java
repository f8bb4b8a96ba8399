package io.storefront.warehouse.orders;

import static io.restassured.RestAssured.given;
import static io.storefront.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;
import io.storefront.support.Race;
import io.storefront.support.RaceHttp;
import io.storefront.support.Tokens;
import io.storefront.warehouse.notify.WebhookSignature;

@QuarkusTest
class WarehouseOrderTest {

    @Inject
    Fixtures fixtures;

    @AfterEach
    void auditStaysClean() {
        fixtures.auditOwnItems();
    }

    @Test
    void shouldLetAWarehousePullAcknowledgeAndShipItsOrders() {
        UUID warehouse = fixtures.warehouse("Pull DC", "Newark", "NJ", 40.73, -74.17);
        UUID clock = fixtures.item("Pulled Clock", 0);
        fixtures.addStock(clock, warehouse, 5);
        UUID customer = UUID.randomUUID();
        String orderId = Api.order(customer, Map.of(clock, 2));
        String warehouseOrderId = (String) Api.awaitShipments(customer, orderId).get(0).get("warehouseOrderId");
        String token = Tokens.warehouse(warehouse);

        given().auth().oauth2(token).queryParam("status", "NEW").get("/api/v1/warehouses/{w}/orders", warehouse)
                .then().statusCode(200)
                .body("items.id", hasItem(warehouseOrderId))
                .body("items.find { it.id == '%s' }.parentOrderId".formatted(warehouseOrderId), equalTo(orderId))
                .body("items.find { it.id == '%s' }.lines[0].quantity".formatted(warehouseOrderId), equalTo(2))
                .body("items.find { it.id == '%s' }.shippingAddress.city".formatted(warehouseOrderId),
                        equalTo("Springfield"));
        given().auth().oauth2(token).post("/api/v1/warehouses/{w}/orders/{o}/acknowledge", warehouse, warehouseOrderId)
                .then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        given().auth().oauth2(token).post("/api/v1/warehouses/{w}/orders/{o}/acknowledge", warehouse, warehouseOrderId)
                .then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        given().auth().oauth2(token).queryParam("status", "ACKNOWLEDGED")
                .get("/api/v1/warehouses/{w}/orders", warehouse).then().body("items.id", hasItem(warehouseOrderId));
        assertThat(fixtures.physical(clock, warehouse)).isEqualTo(5);
        assertThat(fixtures.available(clock, warehouse)).isEqualTo(3);

        given().auth().oauth2(token).post("/api/v1/warehouses/{w}/orders/{o}/ship", warehouse, warehouseOrderId)
                .then().statusCode(200).body("status", equalTo("SHIPPED"));
        given().auth().oauth2(token).post("/api/v1/warehouses/{w}/orders/{o}/ship", warehouse, warehouseOrderId)
                .then().statusCode(200).body("status", equalTo("SHIPPED"));

        assertThat(fixtures.physical(clock, warehouse)).isEqualTo(3);
        assertThat(fixtures.available(clock, warehouse)).isEqualTo(3);
        as(customer).get("/api/v1/orders/{id}", orderId).then().body("status", equalTo("SHIPPED"))
                .body("shipments[0].status", equalTo("SHIPPED"));
        given().auth().oauth2(token).queryParam("status", "LOST").get("/api/v1/warehouses/{w}/orders", warehouse)
                .then().statusCode(400).body("field", equalTo("status"));
    }

    @Test
    void shouldShipPartlyAndThenRefuseToCancel() {
        UUID newark = fixtures.warehouse("Partial Newark", "Newark", "NJ", 40.73, -74.17);
        UUID dallas = fixtures.warehouse("Partial Dallas", "Dallas", "TX", 32.78, -96.8);
        UUID pan = fixtures.item("Partial Pan", 0);
        UUID pot = fixtures.item("Partial Pot", 0);
        fixtures.addStock(pan, newark, 3);
        fixtures.addStock(pot, dallas, 3);
        UUID customer = UUID.randomUUID();
        String orderId = Api.order(customer, Map.of(pan, 1, pot, 1));
        Map<String, String> byWarehouse = new java.util.HashMap<>();
        Api.awaitShipments(customer, orderId).forEach(s -> byWarehouse.put((String) s.get("warehouseId"),
                (String) s.get("warehouseOrderId")));

        ship(newark, byWarehouse.get(newark.toString())).then().statusCode(200);
        as(customer).get("/api/v1/orders/{id}", orderId).then().body("status", equalTo("PARTIALLY_SHIPPED"));
        as(customer).post("/api/v1/orders/{id}/cancel", orderId).then().statusCode(409)
                .body("code", equalTo("ORDER_NOT_CANCELLABLE"));

        ship(dallas, byWarehouse.get(dallas.toString())).then().statusCode(200);
        as(customer).get("/api/v1/orders/{id}", orderId).then().body("status", equalTo("SHIPPED"));
    }

    @Test
    void shouldCancelWarehouseOrdersAndReturnTheirStockWithTheOrder() {
        UUID warehouse = fixtures.warehouse("Cancel DC", "Reno", "NV", 39.53, -119.81);
        UUID tent = fixtures.item("Cancelled Tent", 0);
        fixtures.addStock(tent, warehouse, 4);
        UUID customer = UUID.randomUUID();
        String orderId = Api.order(customer, Map.of(tent, 3));
        String warehouseOrderId = (String) Api.awaitShipments(customer, orderId).get(0).get("warehouseOrderId");
        assertThat(fixtures.available(tent, warehouse)).isEqualTo(1);

        as(customer).post("/api/v1/orders/{id}/cancel", orderId).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("shipments[0].status", equalTo("CANCELLED"));

        assertThat(fixtures.available(tent, warehouse)).isEqualTo(4);
        assertThat(fixtures.physical(tent, warehouse)).isEqualTo(4);
        assertThat(fixtures.aggregated(tent)).isEqualTo(4);
        ship(warehouse, warehouseOrderId).then().statusCode(409).body("code", equalTo("WAREHOUSE_ORDER_CANCELLED"));
        given().auth().oauth2(Tokens.warehouse(warehouse)).queryParam("status", "CANCELLED")
                .get("/api/v1/warehouses/{w}/orders", warehouse).then().body("items.id", hasItem(warehouseOrderId));
    }

    @Test
    void shouldHideOtherWarehousesOrders() {
        UUID mine = fixtures.warehouse("Own DC", "Reno", "NV", 39.53, -119.81);
        UUID other = fixtures.warehouse("Other DC", "Dallas", "TX", 32.78, -96.8);
        UUID rug = fixtures.item("Hidden Rug", 0);
        fixtures.addStock(rug, other, 2);
        UUID customer = UUID.randomUUID();
        String orderId = Api.order(customer, Map.of(rug, 1));
        String warehouseOrderId = (String) Api.awaitShipments(customer, orderId).get(0).get("warehouseOrderId");

        ship(mine, warehouseOrderId).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(Tokens.warehouse(mine))
                .post("/api/v1/warehouses/{w}/orders/{o}/ship", other, warehouseOrderId).then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(Tokens.admin())
                .post("/api/v1/warehouses/{w}/orders/{o}/acknowledge", other, warehouseOrderId).then().statusCode(200);
    }

    /**
     * Ship and cancel of one order at once: exactly one wins, with the loser told why. Rounds of 6 pairs run until
     * each side has won at least once (at most 6 rounds), so that both orders of events are really exercised.
     */
    @Test
    void shouldLetEitherShipOrCancelWinButNotBoth() {
        UUID warehouse = fixtures.warehouse("Race DC", "Newark", "NJ", 40.73, -74.17);
        UUID vase = fixtures.item("Racing Vase", 0);
        fixtures.addStock(vase, warehouse, 100);
        Map<String, Integer> wins = new java.util.TreeMap<>(Map.of("ship", 0, "cancel", 0));
        for (int round = 0; round < 6 && (wins.get("ship") == 0 || wins.get("cancel") == 0); round++) {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                UUID customer = UUID.randomUUID();
                String orderId = Api.order(customer, Map.of(vase, 2));
                String warehouseOrderId = (String) Api.awaitShipments(customer, orderId).get(0)
                        .get("warehouseOrderId");
                RaceHttp.Call ship = RaceHttp.ship(warehouse, warehouseOrderId);
                RaceHttp.Call cancel = RaceHttp.cancelOrder(customer, orderId);
                tasks.add(() -> "ship:" + ship.send().outcome());
                tasks.add(() -> "cancel:" + cancel.send().outcome());
            }

            List<String> results = Race.run(tasks);

            for (int i = 0; i < results.size(); i += 2) {
                String pair = results.get(i) + " " + results.get(i + 1);
                assertThat(pair).as("one winner").isIn("ship:200 cancel:409 ORDER_NOT_CANCELLABLE",
                        "ship:409 WAREHOUSE_ORDER_CANCELLED cancel:200");
                wins.merge(pair.startsWith("ship:200") ? "ship" : "cancel", 1, Integer::sum);
            }
        }
        System.out.printf("Ship against cancel, pairs won: %s%n", wins);
        assertThat(wins).as("each side won at least once").allSatisfy((side, won) -> assertThat(won).isPositive());
        int shipped = wins.get("ship");
        assertThat(fixtures.physical(vase, warehouse)).isEqualTo(100 - 2 * shipped);
        assertThat(fixtures.available(vase, warehouse)).isEqualTo(100 - 2 * shipped);
    }

    @Test
    void shouldNotifyAWebhookOfNewAndCancelledWarehouseOrders() throws IOException {
        List<JsonPath> received = new CopyOnWriteArrayList<>();
        List<Boolean> signaturesValid = new CopyOnWriteArrayList<>();
        String secret = "whsec-" + UUID.randomUUID();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            long timestamp = Long.parseLong(headers.getFirst(WebhookSignature.TIMESTAMP_HEADER));
            signaturesValid.add(Math.abs(timestamp - java.time.Instant.now().getEpochSecond()) < 300
                    && WebhookSignature.verify(secret, timestamp, headers.getFirst("X-Event-Id"), body,
                            headers.getFirst(WebhookSignature.HEADER)));
            received.add(new JsonPath(new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String warehouse = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Hooked DC", "address", Api.addressIn("Columbus", "OH"),
                            "webhookUrl", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                            "webhookSecret", secret))
                    .post("/api/v1/warehouses").then().statusCode(201).extract().path("id");
            UUID lantern = fixtures.item("Hooked Lantern", 0);
            fixtures.addStock(lantern, UUID.fromString(warehouse), 3);
            UUID customer = UUID.randomUUID();
            String orderId = Api.order(customer, Map.of(lantern, 1));
            String warehouseOrderId = (String) Api.awaitShipments(customer, orderId).get(0).get("warehouseOrderId");

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 1);
            assertThat(received.get(0).getString("eventType")).isEqualTo("warehouse-order.created");
            assertThat(received.get(0).getString("warehouseOrder.id")).isEqualTo(warehouseOrderId);
            assertThat(received.get(0).getString("warehouseOrder.parentOrderId")).isEqualTo(orderId);

            as(customer).post("/api/v1/orders/{id}/cancel", orderId).then().statusCode(200);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 2);
            assertThat(received.get(1).getString("eventType")).isEqualTo("warehouse-order.cancelled");
            assertThat(signaturesValid).containsOnly(true);
            assertThat(fixtures.queryInt("SELECT count(*) FROM outbox WHERE warehouse_id = ?::uuid "
                    + "AND delivered_at IS NOT NULL", warehouse)).isEqualTo(2);
        } finally {
            server.stop(0);
        }
    }

    private static io.restassured.response.Response ship(UUID warehouse, String warehouseOrderId) {
        return given().auth().oauth2(Tokens.warehouse(warehouse))
                .post("/api/v1/warehouses/{w}/orders/{o}/ship", warehouse, warehouseOrderId);
    }

}
