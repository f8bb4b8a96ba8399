/**
 * Search behind one contract ({@link io.storefront.catalog.search.SearchService}): the engine choice per request,
 * PostgreSQL full-text and trigram search, the item change feed, cursors and the search health check.
 * May use {@code catalog.search.lucene} and {@code shared}.
 */
package io.storefront.catalog.search;
