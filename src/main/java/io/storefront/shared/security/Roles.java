package io.storefront.shared.security;

/** The three roles a token's {@code groups} claim may carry. */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String WAREHOUSE = "warehouse";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
