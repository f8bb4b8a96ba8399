/**
 * Every change of the three stock numbers ({@code StockMoves}), stock reads, the global lock order and the
 * conservation audit. May use {@code shared} only; knows no feature.
 */
package io.storefront.stock;
