package io.storefront.checkout;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.storefront.shared.ShopConfig;
import io.storefront.shared.db.Prune;
import io.storefront.shared.db.Sql;

/**
 * Deletes cancelled and expired checkouts (with their lines) {@code shop.housekeeping.closed-checkout-retention}
 * after they closed. They hold no stock any more; completed checkouts stay, their orders point at them.
 */
@ApplicationScoped
public class CheckoutHousekeeping {

    @Inject
    Sql sql;

    @Inject
    ShopConfig config;

    @Inject
    Clock clock;

    @Scheduled(identity = "checkout-housekeeping", every = "${shop.housekeeping.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Prune.scheduled("closed checkout(s)", this::prune);
    }

    /** Deletes the closed checkouts past their retention; returns how many. */
    public int prune() {
        Instant before = clock.instant().minus(config.housekeeping().closedCheckoutRetention());
        return Prune.inBatches("Closed checkout pruning", () -> sql.update("""
                WITH old AS (
                    SELECT id FROM checkout
                    WHERE status IN ('CANCELLED', 'EXPIRED') AND closed_at < ?
                    ORDER BY closed_at LIMIT ? FOR UPDATE SKIP LOCKED),
                lines AS (DELETE FROM checkout_line WHERE checkout_id IN (SELECT id FROM old))
                DELETE FROM checkout WHERE id IN (SELECT id FROM old)""", before, Prune.BATCH));
    }
}
