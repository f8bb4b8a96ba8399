package io.storefront.checkout;

public enum CheckoutStatus {
    ACTIVE, COMPLETED, CANCELLED, EXPIRED
}
