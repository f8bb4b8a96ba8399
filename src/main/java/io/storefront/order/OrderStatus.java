package io.storefront.order;

public enum OrderStatus {
    PLACED, ASSIGNED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED
}
