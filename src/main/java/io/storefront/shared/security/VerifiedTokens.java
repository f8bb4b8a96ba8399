package io.storefront.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.function.LongSupplier;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies a bearer token once instead of on every request: a client sends the same token with each of its
 * requests until the token expires, and checking its RS256 signature and claims again each time was one of the
 * largest costs in a profile of the purchase path (docs/PERFORMANCE.md). A token that passed SmallRye JWT's
 * verification is kept, keyed by the SHA-256 of the token, and served again while it has not expired. A token is as
 * valid as its signature and {@code exp} say, and both are fixed inside it, so serving it again accepts nothing the
 * verifier would refuse, with one exception: a signing key withdrawn from the identity provider's key set keeps its
 * tokens working here for at most {@link #MAX_AGE} after their last verification. Failures are not kept: a bad token
 * is verified (and refused) every time.
 *
 * <p>Bounded: at most {@link #MAX_TOKENS} tokens, each for at most {@link #MAX_AGE} (an expired entry is dropped on
 * its next use in any case). Installed as an alternative of the {@link JWTParser} that Quarkus' bearer-token
 * authentication uses; every other method is the verifier's own.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    static final long MAX_TOKENS = 10_000;
    static final Duration MAX_AGE = Duration.ofMinutes(10);

    private final JWTParser verifier;
    private final LongSupplier nowSeconds;
    // The same Caffeine features (maximum size, expire after write) as the service's result caches: native builds
    // register those cache classes already.
    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS).expireAfterWrite(MAX_AGE).build();

    @Inject
    VerifiedTokens(DefaultJWTParser verifier) {
        this(verifier, () -> System.currentTimeMillis() / 1000);
    }

    VerifiedTokens(JWTParser verifier, LongSupplier nowSeconds) {
        this.verifier = verifier;
        this.nowSeconds = nowSeconds;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        String key = sha256(token);
        JsonWebToken known = verified.getIfPresent(key);
        if (known != null && known.getExpirationTime() > nowSeconds.getAsLong()) {
            return known;
        }
        JsonWebToken checked = verifier.parse(token);
        if (checked.getExpirationTime() > nowSeconds.getAsLong()) {
            verified.put(key, checked);
        } else {
            verified.invalidate(key); // accepted within the verifier's clock skew: verify it each time from now on
        }
        return checked;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }

    private static String sha256(String token) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
