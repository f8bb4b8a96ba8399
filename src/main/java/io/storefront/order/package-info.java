/**
 * Customer orders: submission with idempotency keys, the payment seam, cancellation and the fulfilment seam
 * ({@link io.storefront.order.OrderFulfilment}, {@link io.storefront.order.OrderCancelled}) warehouses work through.
 * May use {@code checkout}, {@code cart}, {@code stock} and {@code shared}; never {@code warehouse}.
 */
package io.storefront.order;
