package io.storefront.cart;

import java.util.UUID;

/**
 * Tells the cart whether a customer's checkout is under way. Implemented by the checkout feature, which depends
 * on the cart and not the other way round.
 */
public interface CheckoutGuard {

    /**
     * Serializes the customer's cart and checkout changes for the rest of the transaction and answers whether a
     * checkout is active (not yet completed, cancelled or past its expiry).
     */
    boolean lockAndCheckActive(UUID customerId);
}
