/**
 * Receipts and losses reported by warehouses, idempotent by event id. May use {@code order} (to wake waiting
 * orders), {@code stock} and {@code shared}.
 */
package io.storefront.warehouse.reports;
