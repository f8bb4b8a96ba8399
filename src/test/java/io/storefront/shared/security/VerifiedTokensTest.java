package io.storefront.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.SecretKey;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** The verified-token cache in front of SmallRye JWT's verifier, with a verifier that counts and a settable clock. */
class VerifiedTokensTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final CountingVerifier verifier = new CountingVerifier();
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, now::get);

    @Test
    void shouldVerifyATokenOnceWhileItIsValid() throws ParseException {
        verifier.expiresAt.put("a", now.get() + 300);

        JsonWebToken first = tokens.parse("a");
        now.addAndGet(299);

        assertThat(tokens.parse("a")).isSameAs(first);
        assertThat(verifier.calls).containsEntry("a", 1);
    }

    @Test
    void shouldVerifyEachTokenOnItsOwn() throws ParseException {
        verifier.expiresAt.put("a", now.get() + 300);
        verifier.expiresAt.put("b", now.get() + 300);

        tokens.parse("a");
        tokens.parse("b");

        assertThat(verifier.calls).containsEntry("a", 1).containsEntry("b", 1);
    }

    @Test
    void shouldVerifyAgainOnceTheTokenHasExpired() throws ParseException {
        verifier.expiresAt.put("a", now.get() + 300);
        tokens.parse("a");
        now.addAndGet(300);

        tokens.parse("a");
        tokens.parse("a");

        assertThat(verifier.calls).as("no longer served from the cache").containsEntry("a", 3);
    }

    @Test
    void shouldNotKeepATokenTheVerifierRefused() {
        assertThatThrownBy(() -> tokens.parse("bad")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse("bad")).isInstanceOf(ParseException.class);

        assertThat(verifier.calls).containsEntry("bad", 2);
    }

    /** Accepts the tokens it knows an expiry for, refuses the others; counts its calls per token. */
    private static final class CountingVerifier implements JWTParser {
        final Map<String, Long> expiresAt = new HashMap<>();
        final Map<String, Integer> calls = new HashMap<>();

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            calls.merge(token, 1, Integer::sum);
            Long exp = expiresAt.get(token);
            if (exp == null) {
                throw new ParseException("refused");
            }
            return new Token(exp);
        }

        @Override
        public JsonWebToken parse(String token, JWTAuthContextInfo context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, PublicKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, SecretKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken verify(String token, String secret) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, PrivateKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, SecretKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken decrypt(String token, String secret) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonWebToken parseOnly(String token) {
            throw new UnsupportedOperationException();
        }
    }

    private record Token(long exp) implements JsonWebToken {
        @Override
        public String getName() {
            return "test";
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("exp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            return "exp".equals(name) ? (T) Long.valueOf(exp) : null;
        }
    }
}
