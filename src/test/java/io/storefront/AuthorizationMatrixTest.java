package io.storefront;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;
import io.storefront.support.Tokens;

/**
 * Walks the authorization table of docs/SECURITY.md: every endpoint, called by every kind of caller, answers as the
 * table says. The table is the promise; this test keeps it true.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private static final List<String> CALLERS = List.of("anonymous", "customer", "other customer", "warehouse",
            "other warehouse", "admin");
    private static final Pattern ROW = Pattern.compile("^\\| `(GET|POST|PUT|DELETE) ([^`]+)` \\|(.+)\\|$");

    @Inject
    Fixtures fixtures;

    private record Row(String method, String path, List<String> cells) {
    }

    @Test
    void shouldAnswerEveryCallerAsDocsSecurityMdSays() throws IOException {
        List<Row> rows = table();
        assertThat(rows).as("rows of the table in docs/SECURITY.md").hasSizeGreaterThan(20);

        UUID warehouse = fixtures.warehouse("Matrix DC", "Newark", "NJ", 40.73, -74.17);
        UUID otherWarehouse = fixtures.warehouse("Matrix Other DC", "Dallas", "TX", 32.78, -96.8);
        UUID item = fixtures.item("Matrix Lamp", 0);
        fixtures.addStock(item, warehouse, 50);
        UUID customer = UUID.randomUUID();
        String orderId = Api.order(customer, Map.of(item, 1));
        String warehouseOrderId = (String) Api.awaitShipments(customer, orderId).get(0).get("warehouseOrderId");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("anonymous", null);
        tokens.put("customer", Tokens.customer(customer));
        tokens.put("other customer", Tokens.customer(UUID.randomUUID()));
        tokens.put("warehouse", Tokens.warehouse(warehouse));
        tokens.put("other warehouse", Tokens.warehouse(otherWarehouse));
        tokens.put("admin", Tokens.admin());
        Map<String, String> ids = Map.of("{itemId}", item.toString(), "{orderId}", orderId,
                "{warehouseId}", warehouse.toString(), "{warehouseOrderId}", warehouseOrderId);

        SoftAssertions softly = new SoftAssertions();
        for (Row row : rows) {
            String path = row.path();
            for (Map.Entry<String, String> id : ids.entrySet()) {
                path = path.replace(id.getKey(), id.getValue());
            }
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                int status = call(row.method(), path, tokens.get(caller), item);
                String expected = row.cells().get(i);
                String call = row.method() + " " + row.path() + " as " + caller;
                if (expected.equals("ok") && row.path().contains("{")) {
                    // The resources in the path exist, so an allowed caller cannot get 404 either.
                    softly.assertThat(status).as(call + " (allowed)").isNotIn(401, 403, 404).isLessThan(500);
                } else if (expected.equals("ok")) {
                    softly.assertThat(status).as(call + " (allowed)").isNotIn(401, 403).isLessThan(500);
                } else {
                    softly.assertThat(status).as(call).isEqualTo(Integer.parseInt(expected));
                }
            }
        }
        softly.assertAll();

        // The admin's rebuild above: wait until the index serves again, for the tests after this one.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var status = given().auth().oauth2(Tokens.admin()).get("/api/v1/admin/search").then().extract();
            return "READY".equals(status.path("indexState")) && Boolean.FALSE.equals(status.path("rebuilding"));
        });
        fixtures.auditOwnItems();
    }

    private static int call(String method, String path, String token, UUID item) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        if (token != null) {
            request.auth().oauth2(token);
        }
        Object body = body(method, path, item);
        if (body != null) {
            request.body(body);
        }
        if (method.equals("POST") && path.equals("/api/v1/orders")) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (path.equals("/api/v1/items/suggest")) {
            request.queryParam("q", "mat");
        }
        return request.request(method, path).statusCode();
    }

    /** A valid body for each call that takes one, so that an allowed caller gets the action's own answer. */
    private static Object body(String method, String path, UUID item) {
        Map<String, Object> address = Api.ADDRESS;
        if (method.equals("POST") && path.equals("/api/v1/items") || method.equals("PUT") && path.startsWith("/api/v1/items/")) {
            return Map.of("name", "Matrix Lamp", "description", "A lamp for the matrix",
                    "price", Map.of("amount", 1200, "currency", "USD"));
        }
        if (method.equals("PUT") && path.startsWith("/api/v1/cart/items/")) {
            return Map.of("quantity", 1);
        }
        if (method.equals("POST") && path.equals("/api/v1/orders")) {
            return Map.of("checkoutId", UUID.randomUUID().toString(), "shippingAddress", address,
                    "payment", Map.of("method", "card", "token", "tok_visa"));
        }
        if (method.equals("POST") && path.equals("/api/v1/warehouses")) {
            return Map.of("name", "Matrix New DC", "latitude", 40.0, "longitude", -75.0, "address", address);
        }
        if (path.endsWith("/receipts")) {
            return Map.of("quantity", 1, "eventId", UUID.randomUUID().toString());
        }
        if (path.endsWith("/losses")) {
            return Map.of("quantity", 1, "reason", "Matrix breakage", "eventId", UUID.randomUUID().toString());
        }
        return null;
    }

    private static List<Row> table() throws IOException {
        String doc = Files.readString(Path.of("docs/SECURITY.md"));
        String table = doc.substring(doc.indexOf("<!-- authorization-matrix:start -->"),
                doc.indexOf("<!-- authorization-matrix:end -->"));
        List<Row> rows = new ArrayList<>();
        for (String line : table.split("\n")) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches()) {
                List<String> cells = List.of(row.group(3).split("\\|")).stream().map(String::strip).toList();
                assertThat(cells).as(line).hasSize(CALLERS.size());
                rows.add(new Row(row.group(1), row.group(2), cells));
            }
        }
        return rows;
    }
}
