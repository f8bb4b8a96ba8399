package io.storefront;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;
import io.storefront.support.Tokens;

/**
 * Hostile input over every endpoint that takes input: each valid request is mutated many times (fields removed, of
 * the wrong type, huge, negative, very long, with NUL characters, deeply nested, unknown enum values, odd path
 * segments and query parameters). Whatever comes in: no 5xx, every error is problem+json with a code, and a refused
 * request changes nothing in the database. The mutations come from a seeded generator: a failure names the seed
 * and the request, so it can be replayed.
 */
@QuarkusTest
class HostileInputTest {

    private static final long SEED = Long.getLong("hostile.seed", 20261129L);
    private static final int MUTATIONS_PER_REQUEST = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Inject
    Fixtures fixtures;

    @Inject
    Scheduler scheduler;

    private final Random random = new Random(SEED);

    /** One endpoint with a valid request: the caller's token, the path, its query and its body (or null). */
    private record Endpoint(String method, String path, String token, Map<String, String> query, Supplier<JsonNode> body) {
    }

    @AfterEach
    void resumeJobs() {
        scheduler.resume();
    }

    @Test
    void shouldNeverAnswer5xxNorChangeAnythingWhenItRefusesARequest() throws Exception {
        UUID warehouse = fixtures.warehouse("Hostile DC", "Dallas", "TX", 32.78, -96.8);
        UUID item = fixtures.item("Hostile Kettle", 0);
        fixtures.addStock(item, warehouse, 1000);
        UUID customer = UUID.randomUUID();
        String orderId = Api.order(customer, Map.of(item, 1));
        Api.putInCart(customer, item, 1).then().statusCode(200);
        // Nothing in the background may change the database between a request and the check after it.
        scheduler.pause();

        String admin = Tokens.admin();
        String shopper = Tokens.customer(customer);
        String staff = Tokens.warehouse(warehouse);
        String w = "/api/v1/warehouses/" + warehouse;
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", "/api/v1/items", null, Map.of("q", "kettle", "sort", "price_asc", "minPrice", "1",
                        "maxPrice", "100000", "limit", "5"), null),
                new Endpoint("GET", "/api/v1/items/suggest", null, Map.of("q", "ket", "limit", "5"), null),
                new Endpoint("GET", "/api/v1/items/" + item, null, Map.of(), null),
                new Endpoint("POST", "/api/v1/items", admin, Map.of(), () -> object("name", "Hostile Lamp",
                        "description", "Bright", "price", object("amount", 1500, "currency", "USD"))),
                new Endpoint("PUT", "/api/v1/items/" + item, admin, Map.of(), () -> object("name", "Hostile Kettle",
                        "description", "A test item called Hostile Kettle", "price",
                        object("amount", 1000, "currency", "USD"))),
                new Endpoint("PUT", "/api/v1/cart/items/" + item, shopper, Map.of(), () -> object("quantity", 1)),
                new Endpoint("DELETE", "/api/v1/cart/items/" + item, shopper, Map.of(), null),
                new Endpoint("POST", "/api/v1/orders", shopper, Map.of(), () -> object("checkoutId",
                        UUID.randomUUID().toString(), "shippingAddress", address(), "payment",
                        object("method", "card", "token", "tok_visa"))),
                new Endpoint("GET", "/api/v1/orders", shopper, Map.of("limit", "5"), null),
                new Endpoint("GET", "/api/v1/orders/" + orderId, shopper, Map.of(), null),
                new Endpoint("POST", "/api/v1/warehouses", admin, Map.of(), () -> object("name", "Hostile New DC",
                        "latitude", 40.7, "longitude", -74.0, "address", address(),
                        "webhookUrl", "https://hooks.example/receive")),
                new Endpoint("GET", "/api/v1/warehouses", admin, Map.of("limit", "5"), null),
                new Endpoint("GET", w + "/stock", staff, Map.of("limit", "5"), null),
                new Endpoint("POST", w + "/stock/" + item + "/receipts", staff, Map.of(),
                        () -> object("quantity", 1, "eventId", UUID.randomUUID().toString())),
                new Endpoint("POST", w + "/stock/" + item + "/losses", staff, Map.of(),
                        () -> object("quantity", 1, "reason", "Dropped", "eventId", UUID.randomUUID().toString())),
                new Endpoint("GET", w + "/orders", staff, Map.of("status", "NEW", "limit", "5"), null));

        SoftAssertions softly = new SoftAssertions();
        int state = fingerprint();
        int requests = 0;
        int refused = 0;
        for (Endpoint endpoint : endpoints) {
            for (int i = 0; i < MUTATIONS_PER_REQUEST; i++) {
                String path = random.nextInt(5) == 0 ? oddPath(endpoint.path()) : endpoint.path();
                Map<String, String> query = random.nextInt(3) == 0 ? oddQuery(endpoint.query()) : endpoint.query();
                String body = endpoint.body() == null ? null : mutatedBody(endpoint.body().get());
                Response response = send(endpoint, path, query, body);
                requests++;
                String request = endpoint.method() + " " + path + " " + query + " "
                        + (body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body)
                        + " (seed " + SEED + ")";
                int status = response.statusCode();
                softly.assertThat(status).as("status of %s", request).isLessThan(500);
                if (status >= 400) {
                    refused++;
                    softly.assertThat(response.contentType()).as("content type of %s answering %d", request, status)
                            .startsWith("application/problem+json");
                    softly.assertThat(response.jsonPath().getString("code")).as("code of %s", request).isNotBlank();
                    softly.assertThat(fingerprint()).as("database after refused %s", request).isEqualTo(state);
                } else {
                    state = fingerprint();
                }
            }
        }
        System.out.printf("Hostile input: %d requests, %d refused, seed %d%n", requests, refused, SEED);
        softly.assertThat(refused).as("most mutations are refused").isGreaterThan(requests / 3);
        softly.assertAll();
        scheduler.resume();
        fixtures.auditOwnItems();
    }

    private Response send(Endpoint endpoint, String path, Map<String, String> query, String body) {
        RequestSpecification request = given().urlEncodingEnabled(false);
        if (endpoint.token() != null) {
            request.auth().oauth2(endpoint.token());
        }
        query.forEach(request::queryParam);
        if (endpoint.path().equals("/api/v1/orders") && endpoint.method().equals("POST")) {
            request.header("Idempotency-Key", random.nextInt(6) == 0 ? oddString() : UUID.randomUUID().toString());
        }
        if (body != null) {
            request.contentType("application/json").body(body);
        }
        return request.request(endpoint.method(), path);
    }

    /** What a request could change: counts, stock sums and the items' contents, over every table a request writes. */
    private int fingerprint() {
        return fixtures.queryInt("""
                SELECT hashtext(concat_ws('/',
                    (SELECT count(*) FROM item), (SELECT count(*) FROM warehouse),
                    (SELECT sum(aggregated) FROM item_stock),
                    (SELECT sum(physical) FROM warehouse_stock), (SELECT sum(available) FROM warehouse_stock),
                    (SELECT count(*) FROM customer_order), (SELECT count(*) FROM checkout),
                    (SELECT sum(quantity) FROM cart_line), (SELECT count(*) FROM stock_event),
                    (SELECT count(*) FROM idempotency_key),
                    (SELECT md5(string_agg(concat_ws('|', id, name, description, price_amount, currency), ','
                                           ORDER BY id)) FROM item WHERE name LIKE 'Hostile%')))""");
    }

    private String mutatedBody(JsonNode valid) throws Exception {
        switch (random.nextInt(12)) {
            case 0:
                return "";
            case 1:
                return "{\"unterminated\": ";
            case 2:
                return deepNesting(random.nextInt(2) == 0 ? 50 : 5000);
            case 3:
                return "[" + JSON.writeValueAsString(valid) + "]";
            default:
                JsonNode copy = valid.deepCopy();
                int changes = 1 + random.nextInt(3);
                for (int i = 0; i < changes; i++) {
                    mutateSomewhere(copy);
                }
                return JSON.writeValueAsString(copy);
        }
    }

    /** Replaces, removes or adds one field somewhere in the tree. */
    private void mutateSomewhere(JsonNode node) {
        ObjectNode object = pickObject(node);
        List<String> names = new ArrayList<>();
        Iterator<String> fields = object.fieldNames();
        fields.forEachRemaining(names::add);
        int choice = random.nextInt(10);
        if (choice == 0 || names.isEmpty()) {
            object.set("unexpected" + random.nextInt(100), oddValue());
        } else if (choice == 1) {
            object.remove(names.get(random.nextInt(names.size())));
        } else {
            object.set(names.get(random.nextInt(names.size())), oddValue());
        }
    }

    private ObjectNode pickObject(JsonNode node) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(node, objects);
        return objects.get(random.nextInt(objects.size()));
    }

    private static void collect(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.elements().forEachRemaining(child -> collect(child, objects));
    }

    private JsonNode oddValue() {
        return switch (random.nextInt(16)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(-1);
            case 2 -> NODES.numberNode(0);
            case 3 -> NODES.numberNode(Long.MAX_VALUE);
            case 4 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 5 -> NODES.numberNode(2_147_483_648L);
            case 6 -> NODES.numberNode(1.5);
            case 7 -> NODES.textNode(oddString());
            case 8 -> NODES.textNode("x".repeat(random.nextInt(2) == 0 ? 1_000 : 20_000));
            case 9 -> NODES.booleanNode(true);
            case 10 -> NODES.arrayNode().add(1).add("two");
            case 11 -> NODES.objectNode().put("nested", "object");
            case 12 -> NODES.textNode("UNKNOWN_ENUM_VALUE");
            case 13 -> NODES.textNode("\u0000nul\u0000");
            case 14 -> NODES.textNode("-1");
            default -> NODES.textNode("");
        };
    }

    private String oddString() {
        String[] odd = { "", " ", "\u0000", "../../etc/passwd", "%00", "' OR 1=1 --", "<script>alert(1)</script>",
                "🎧🎧🎧", "x".repeat(5_000), "-1", "1e309", "null", "\\u0000", "%", "a%2Fb", "\uD800" };
        return odd[random.nextInt(odd.length)];
    }

    private String oddPath(String path) {
        String[] segments = path.split("/");
        int index = 1 + random.nextInt(segments.length - 1);
        String[] replacements = { "not-a-uuid", "00000000-0000-0000-0000-000000000000", "..", "%00", "%2e%2e",
                "x".repeat(3_000), "-1", "%F0%9F%8E%A7", "%25", UUID.randomUUID().toString() };
        segments[index] = replacements[random.nextInt(replacements.length)];
        return String.join("/", segments);
    }

    private Map<String, String> oddQuery(Map<String, String> valid) {
        Map<String, String> query = new java.util.LinkedHashMap<>(valid);
        String[] names = { "limit", "cursor", "q", "sort", "minPrice", "maxPrice", "status", "unknown" };
        String[] values = { "-1", "0", "abc", "99999999999999999999", "1e309", "%00", "x".repeat(2_000),
                "UNKNOWN", "", "%F0%9F%8E%A7", "'", "eyJub3QiOiJhIGN1cnNvciJ9", "NaN" };
        int changes = 1 + random.nextInt(2);
        for (int i = 0; i < changes; i++) {
            query.put(names[random.nextInt(names.length)], values[random.nextInt(values.length)]);
        }
        return query;
    }

    private static String deepNesting(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static ObjectNode object(Object... namesAndValues) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.set((String) namesAndValues[i], JSON.valueToTree(namesAndValues[i + 1]));
        }
        return node;
    }

    private static ObjectNode address() {
        return (ObjectNode) JSON.valueToTree(Api.ADDRESS);
    }
}
