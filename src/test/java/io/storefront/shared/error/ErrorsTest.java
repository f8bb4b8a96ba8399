package io.storefront.shared.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.restassured.http.ContentType;
import io.storefront.support.Tokens;

@QuarkusTest
class ErrorsTest {

    @Test
    void shouldDescribeMalformedJsonAsAProblem() {
        given().auth().oauth2(Tokens.customer(UUID.randomUUID())).contentType(ContentType.JSON).body("{\"quantity\":")
                .put("/api/v1/cart/items/{id}", UUID.randomUUID()).then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("title", equalTo("Bad Request"))
                .body(not(containsString("Exception")))
                .body(not(containsString("at io.")));
    }

    @Test
    void shouldAnswerUnknownRoutesAndMethodsWithProblems() {
        given().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        given().delete("/api/v1/items").then().statusCode(405)
                .contentType("application/problem+json").body("code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void shouldRefuseBodiesThatAreNotJson() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.TEXT).body("name=x")
                .post("/api/v1/items").then().statusCode(415)
                .contentType("application/problem+json").body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void shouldTreatATokenWithoutAUuidSubjectAsForbiddenForCustomerActions() {
        String token = Jwt.subject("alice").groups("customer").sign();
        given().auth().oauth2(token).get("/api/v1/cart").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void shouldRefuseExpiredOrForeignTokens() {
        String expired = Jwt.subject(UUID.randomUUID().toString()).groups("customer")
                .issuedAt(1_000_000L).expiresAt(1_000_100L).sign();
        given().auth().oauth2(expired).get("/api/v1/cart").then().statusCode(401);
        String wrongIssuer = Jwt.issuer("https://elsewhere.example")
                .subject(UUID.randomUUID().toString()).groups("customer").sign();
        given().auth().oauth2(wrongIssuer).get("/api/v1/cart").then().statusCode(401);
    }

    /** docs/SECURITY.md: bodies of at most 64 KiB. */
    @Test
    void shouldRefuseABodyLargerThanTheLimitBeforeReadingIt() {
        String description = "x".repeat(70 * 1024);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"Huge\", \"description\": \"" + description + "\", "
                        + "\"price\": {\"amount\": 1, \"currency\": \"USD\"}}")
                .post("/api/v1/items").then().statusCode(413);
    }

    @Test
    void shouldRefuseTokensMeantForAnotherService() {
        String otherAudience = Jwt.subject(UUID.randomUUID().toString()).groups("customer")
                .audience("billing").sign();
        given().auth().oauth2(otherAudience).get("/api/v1/cart").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED"));
        String control = Jwt.subject(UUID.randomUUID().toString()).groups("customer").sign();
        given().auth().oauth2(control).get("/api/v1/cart").then().statusCode(200);
    }

    @Test
    void shouldRefuseTokensSignedWithAnotherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey otherKey = generator.generateKeyPair().getPrivate();
        String token = Jwt.subject(UUID.randomUUID().toString()).groups("admin").sign(otherKey);
        given().auth().oauth2(token).get("/api/v1/admin/stock/audit").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void shouldRefuseUnsignedTokens() {
        // A correctly signed token's claims, sent with "alg": "none" and no signature.
        String signed = Jwt.subject(UUID.randomUUID().toString()).groups("admin").sign();
        String claims = signed.split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(header + "." + claims + ".").get("/api/v1/admin/stock/audit").then().statusCode(401)
                .body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(signed).get("/api/v1/admin/stock/audit").then().statusCode(200);
    }
}
