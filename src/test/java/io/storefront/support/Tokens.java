package io.storefront.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import java.util.UUID;

import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens for tests, signed with the key pair Quarkus generates in test mode. A customer's token is signed
 * once and reused for a minute, so that a race's contenders, whose requests the test prepares before the start
 * gate (cart lines, a checkout), do not each spend an RS256 signature after it and spread the start.
 */
public final class Tokens {

    private static final Duration REUSE = Duration.ofMinutes(1);
    private static final Map<UUID, Signed> CUSTOMERS = new ConcurrentHashMap<>();

    private record Signed(String token, Instant at) {
    }

    private Tokens() {
    }

    public static String customer(UUID customerId) {
        Instant now = Instant.now();
        return CUSTOMERS.compute(customerId, (id, signed) -> signed != null && signed.at().plus(REUSE).isAfter(now)
                ? signed
                : new Signed(Jwt.subject(id.toString()).groups("customer").sign(), now)).token();
    }

    public static String admin() {
        return Jwt.subject(UUID.randomUUID().toString()).groups("admin").sign();
    }

    public static String warehouse(UUID warehouseId) {
        return Jwt.subject(UUID.randomUUID().toString()).groups("warehouse")
                .claim("warehouse_id", warehouseId.toString()).sign();
    }
}
