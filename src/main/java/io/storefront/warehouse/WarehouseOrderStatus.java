package io.storefront.warehouse;

public enum WarehouseOrderStatus {
    NEW, ACKNOWLEDGED, SHIPPED, CANCELLED
}
