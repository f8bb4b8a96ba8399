package io.storefront.shared.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.storefront.support.Tokens;

/** Quarkus' bearer-token authentication goes through the verified-token cache, and the cache bypasses nothing. */
@QuarkusTest
class VerifiedTokensWiringTest {

    @Test
    void shouldAuthenticateThroughTheCache() {
        assertThat(Arc.container().instance(JWTParser.class).get()).isInstanceOf(VerifiedTokens.class);
    }

    @Test
    void shouldRefuseATamperedCopyOfACachedToken() {
        String token = Tokens.customer(UUID.randomUUID());
        given().auth().oauth2(token).get("/api/v1/cart").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/cart").then().statusCode(200);

        // The same header and claims with another signature: a different token, verified (and refused) on its own.
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String tampered = token.substring(0, token.lastIndexOf('.') + 1)
                + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
        given().auth().oauth2(tampered).get("/api/v1/cart").then().statusCode(401);
    }
}
