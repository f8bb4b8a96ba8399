/**
 * Warehouse orders, one warehouse's part of a customer order: creation, lines and views, acknowledge, ship and
 * cancel with the customer order. May use {@code warehouse.notify}, {@code order}, {@code stock} and {@code shared}.
 */
package io.storefront.warehouse.orders;
