package io.storefront.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

/**
 * {@link MainFlowTest} against the packaged application ({@code java -jar}, or the native binary with -Dnative),
 * which runs in the prod profile: it verifies tokens with a key pair made for this run and has no way to mint
 * them, just as in production.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppEnvironment.class)
class MainFlowIT extends MainFlowTest {

    /** Given to the packaged service by {@link PackagedAppEnvironment} instead of the default ten minutes. */
    static final Duration RESERVATION_TTL = Duration.ofMinutes(7);

    @Test
    void shouldServeNoDevTokensInProduction() {
        given().queryParam("role", "admin").get("/dev/token").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().queryParam("role", "customer").post("/dev/token").then().statusCode(404);
    }

    @Test
    void shouldHoldReservationsForTheConfiguredTime() {
        String admin = adminToken();
        String itemId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "TTL Lantern", "description", "Reserved for seven minutes",
                        "price", Map.of("amount", 1500, "currency", "USD")))
                .post("/api/v1/items").then().statusCode(201).extract().path("id");
        String warehouseId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "TTL DC", "latitude", 40.73, "longitude", -74.17,
                        "address", Map.of("name", "TTL DC", "line1", "1 Dock Rd", "city", "Newark", "region", "NJ",
                                "postalCode", "07101", "country", "US")))
                .post("/api/v1/warehouses").then().statusCode(201).extract().path("id");
        given().auth().oauth2(warehouseToken(warehouseId)).contentType(ContentType.JSON)
                .body(Map.of("quantity", 2, "eventId", UUID.randomUUID().toString()))
                .post("/api/v1/warehouses/{w}/stock/{i}/receipts", warehouseId, itemId).then().statusCode(201);
        String customer = customerToken(UUID.randomUUID());
        given().auth().oauth2(customer).contentType(ContentType.JSON).body(Map.of("quantity", 1))
                .put("/api/v1/cart/items/{id}", itemId).then().statusCode(200);

        Instant before = Instant.now();
        String expiresAt = given().auth().oauth2(customer).post("/api/v1/checkout").then().statusCode(201)
                .extract().path("expiresAt");
        Instant after = Instant.now();

        assertThat(Instant.parse(expiresAt)).isBetween(before.plus(RESERVATION_TTL).minusSeconds(5),
                after.plus(RESERVATION_TTL).plusSeconds(5));
    }

    @Override
    protected String customerToken(UUID customerId) {
        return sign(Jwt.subject(customerId.toString()).groups("customer"));
    }

    @Override
    protected String adminToken() {
        return sign(Jwt.subject(UUID.randomUUID().toString()).groups("admin"));
    }

    @Override
    protected String warehouseToken(String warehouseId) {
        return sign(Jwt.subject(UUID.randomUUID().toString()).groups("warehouse").claim("warehouse_id", warehouseId));
    }

    private static String sign(io.smallrye.jwt.build.JwtClaimsBuilder claims) {
        return claims.issuer(PackagedAppEnvironment.ISSUER).audience(PackagedAppEnvironment.AUDIENCE)
                .sign(PackagedAppEnvironment.privateKey());
    }
}
