package io.storefront.checkout;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.storefront.shared.ShopConfig;

/**
 * Gives the stock of expired checkouts back, every {@code shop.checkout.reaper-interval}, in batches. Safe on any
 * number of replicas: each batch claims its rows with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work
 * instead of waiting on each other, and a row is released once.
 */
@ApplicationScoped
public class ExpiredCheckoutReaper {

    @Inject
    CheckoutService checkouts;

    @Inject
    ShopConfig config;

    @Scheduled(identity = "expired-checkout-reaper", every = "${shop.checkout.reaper-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void releaseExpired() {
        try {
            int released;
            do {
                released = checkouts.releaseExpired();
            } while (released == config.checkout().reaperBatchSize());
        } catch (RuntimeException e) {
            Log.error("Releasing expired checkouts failed; the next run tries again", e);
        }
    }
}
