/**
 * The in-process Lucene index of the catalog: building, refreshing from the change feed, queries and the
 * native-image support Lucene needs. May use {@code catalog.search} and {@code shared}.
 */
package io.storefront.catalog.search.lucene;
