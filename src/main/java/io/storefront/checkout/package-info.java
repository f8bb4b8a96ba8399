/**
 * Checkouts and their reservations of aggregated stock, and the reaper that gives expired ones back.
 * May use {@code cart}, {@code stock} and {@code shared}.
 */
package io.storefront.checkout;
