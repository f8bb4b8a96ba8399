/**
 * Items: creation, item views with their stock, search and suggest pages and the search admin endpoints.
 * May use {@code catalog.search}, {@code stock} and {@code shared}; no later feature.
 */
package io.storefront.catalog;
