package io.storefront.stock;

/**
 * The one order in which every transaction takes its locks, so that concurrent transactions queue instead of
 * deadlocking. A transaction may skip steps, never go back to an earlier one; within a step, rows are locked in
 * the order given. Background jobs (the assignment worker, the checkout reaper, webhook delivery) claim their
 * first rows with {@code SKIP LOCKED}, so they never wait behind a customer. {@link StockMoves} takes steps 4 and
 * 5 itself, sorted; the callers take steps 1 to 3 before they call it.
 */
public enum LockOrder {

    /** {@code pg_advisory_xact_lock} on the customer: cart edits, checkout, submit and checkout cancel queue on it. */
    CUSTOMER,
    /** The {@code checkout} row. */
    CHECKOUT,
    /** The {@code customer_order} row, then its {@code warehouse_order} rows by id. */
    ORDERS,
    /** {@code warehouse_stock} rows by (item id, warehouse id). */
    WAREHOUSE_STOCK,
    /** {@code item_stock} rows by item id. */
    ITEM_STOCK
}
