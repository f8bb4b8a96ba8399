/**
 * One cart per customer: its lines, their limits and the stock check on edit (nothing is reserved here).
 * May use {@code stock}, {@code catalog} and {@code shared}; checkout reaches back only through {@link
 * io.storefront.cart.CheckoutGuard}.
 */
package io.storefront.cart;
