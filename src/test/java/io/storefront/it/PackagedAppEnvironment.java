package io.storefront.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the packaged application needs from its environment in the integration tests: a JWT public key made for
 * this run, and a fresh embedded database directory. The private key is left in target/ for the tests to sign
 * with (this resource and the test class do not share a class loader, so not a static field).
 */
public class PackagedAppEnvironment implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "https://storefront.example/issuer";
    /** The packaged service's default {@code mp.jwt.verify.audiences}. */
    static final String AUDIENCE = "storefront";
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path PRIVATE_KEY = TARGET.resolve("it-jwt-private-key.der");
    private static final Path PUBLIC_KEY = TARGET.resolve("it-jwt-public-key.pem");

    static PrivateKey privateKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(PRIVATE_KEY)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("The integration-test key was not written", e);
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            // Quarkus may start this resource more than once per run; the key pair must stay the same.
            if (!Files.exists(PRIVATE_KEY) || !Files.exists(PUBLIC_KEY)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair keys = generator.generateKeyPair();
                Files.createDirectories(TARGET);
                Files.writeString(PUBLIC_KEY, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
                Files.write(PRIVATE_KEY, keys.getPrivate().getEncoded());
            }
            // The key is given as content too: in test launches Quarkus hands the application an in-memory key of
            // its own (mp.jwt.verify.publickey), which would otherwise win over the location.
            return Map.of(
                    "mp.jwt.verify.publickey", Files.readString(PUBLIC_KEY),
                    "mp.jwt.verify.publickey.location", PUBLIC_KEY.toUri().toString(),
                    "mp.jwt.verify.issuer", ISSUER,
                    "shop.embedded-postgresql.data-dir", TARGET.resolve("it-pgdata").toString(),
                    "shop.embedded-postgresql.clean-data-dir", "true",
                    // The packaged service runs in the prod profile, where the embedded database must be allowed.
                    "shop.embedded-postgresql.allow-prod", "true",
                    "shop.search.index-dir", TARGET.resolve("it-search-index").toString(),
                    "shop.assignment.interval", "1s",
                    // Not the default (PT10M): MainFlowIT checks that the packaged service honours it.
                    "shop.checkout.reservation-ttl", MainFlowIT.RESERVATION_TTL.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // the key files and the data directory live in target/ and go with `mvn clean`
    }
}
