package io.storefront.support;

import java.util.UUID;

import io.smallrye.jwt.build.Jwt;

/** Bearer tokens for tests, signed with the key pair Quarkus generates in test mode. */
public final class Tokens {

    private Tokens() {
    }

    public static String customer(UUID customerId) {
        return Jwt.subject(customerId.toString()).groups("customer").sign();
    }

    public static String admin() {
        return Jwt.subject(UUID.randomUUID().toString()).groups("admin").sign();
    }

    public static String warehouse(UUID warehouseId) {
        return Jwt.subject(UUID.randomUUID().toString()).groups("warehouse")
                .claim("warehouse_id", warehouseId.toString()).sign();
    }
}
