package io.storefront.shared.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
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
        String token = io.smallrye.jwt.build.Jwt.subject("alice").groups("customer").sign();
        given().auth().oauth2(token).get("/api/v1/cart").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void shouldRefuseExpiredOrForeignTokens() {
        String expired = io.smallrye.jwt.build.Jwt.subject(UUID.randomUUID().toString()).groups("customer")
                .issuedAt(1_000_000L).expiresAt(1_000_100L).sign();
        given().auth().oauth2(expired).get("/api/v1/cart").then().statusCode(401);
        String wrongIssuer = io.smallrye.jwt.build.Jwt.issuer("https://elsewhere.example")
                .subject(UUID.randomUUID().toString()).groups("customer").sign();
        given().auth().oauth2(wrongIssuer).get("/api/v1/cart").then().statusCode(401);
    }
}
