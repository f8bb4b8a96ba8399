package io.storefront.checkout;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.cart.CheckoutGuard;
import io.storefront.shared.db.Sql;

/**
 * Serializes a customer's cart changes and checkout transitions with a transaction-scoped advisory lock on the
 * customer, so that a cart change and a checkout that starts at the same moment cannot interleave.
 */
@ApplicationScoped
public class CustomerCheckoutGuard implements CheckoutGuard {

    @Inject
    Sql sql;

    @Inject
    Clock clock;

    @Override
    public boolean lockAndCheckActive(UUID customerId) {
        lockCustomer(customerId);
        // A separate statement after the lock: its snapshot then sees what the lock holder committed.
        return sql.one("SELECT EXISTS (SELECT 1 FROM checkout WHERE customer_id = ? AND " + Checkout.LIVE + ")",
                row -> row.getBoolean(1), customerId, clock.instant());
    }

    /** Holds the customer's lock until the transaction ends: cart edits, checkout and submit queue on it. */
    public void lockCustomer(UUID customerId) {
        long key = customerId.getMostSignificantBits() ^ customerId.getLeastSignificantBits();
        sql.one("SELECT pg_advisory_xact_lock(?)", row -> Boolean.TRUE, key);
    }
}
