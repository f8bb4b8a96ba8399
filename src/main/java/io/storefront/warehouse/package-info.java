/**
 * Warehouses themselves (entity, creation, listing, who may act for one) and the HTTP endpoints warehouse staff
 * use for their own warehouse ({@code WarehouseOperationsResource}: stock, receipts and losses, warehouse orders).
 * May use its sub-packages {@code orders} and {@code reports}, {@code stock} and {@code shared}.
 */
package io.storefront.warehouse;
