/**
 * Assignment of PLACED orders to warehouses: the worker, the one-order-per-transaction service, the replaceable
 * {@link io.storefront.warehouse.assignment.WarehouseAssigner} seam, the nearest-first strategy and its geometry.
 * May use {@code warehouse.orders}, {@code order}, {@code stock} and {@code shared}.
 */
package io.storefront.warehouse.assignment;
