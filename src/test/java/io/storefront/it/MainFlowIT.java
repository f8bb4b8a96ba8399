package io.storefront.it;

import java.util.UUID;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.smallrye.jwt.build.Jwt;

/**
 * {@link MainFlowTest} against the packaged application ({@code java -jar}, or the native binary with -Dnative),
 * which runs in the prod profile: it verifies tokens with a key pair made for this run and has no way to mint
 * them, just as in production.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppEnvironment.class)
class MainFlowIT extends MainFlowTest {

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
        return claims.issuer(PackagedAppEnvironment.ISSUER).sign(PackagedAppEnvironment.privateKey());
    }
}
