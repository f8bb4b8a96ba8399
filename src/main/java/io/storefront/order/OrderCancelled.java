package io.storefront.order;

import java.util.UUID;

/**
 * Fired synchronously inside the cancelling transaction, so that observers (the warehouse side) cancel the
 * order's warehouse orders and return their stock in that same transaction, or veto with an exception.
 *
 * @param previousStatus the status the order had before it was cancelled
 */
public record OrderCancelled(UUID orderId, OrderStatus previousStatus) {
}
