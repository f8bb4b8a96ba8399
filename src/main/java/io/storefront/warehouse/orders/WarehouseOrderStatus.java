package io.storefront.warehouse.orders;

public enum WarehouseOrderStatus {
    NEW, ACKNOWLEDGED, SHIPPED, CANCELLED
}
