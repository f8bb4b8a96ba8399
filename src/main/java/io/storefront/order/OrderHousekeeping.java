package io.storefront.order;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.storefront.shared.ShopConfig;
import io.storefront.shared.db.Prune;
import io.storefront.shared.db.Sql;

/**
 * Deletes Idempotency-Keys {@code shop.housekeeping.idempotency-key-retention} after they were first used: a client
 * retries a submit within that time; after it, the same key places nothing (its checkout is completed) and answers
 * 409 {@code CHECKOUT_NOT_ACTIVE}.
 */
@ApplicationScoped
public class OrderHousekeeping {

    @Inject
    Sql sql;

    @Inject
    ShopConfig config;

    @Inject
    Clock clock;

    @Scheduled(identity = "order-housekeeping", every = "${shop.housekeeping.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Prune.scheduled("old Idempotency-Key(s)", this::prune);
    }

    /** Deletes the Idempotency-Keys past their retention; returns how many. */
    public int prune() {
        Instant before = clock.instant().minus(config.housekeeping().idempotencyKeyRetention());
        return Prune.inBatches("Idempotency-Key pruning", () -> sql.update("""
                DELETE FROM idempotency_key WHERE (customer_id, idempotency_key) IN (
                    SELECT customer_id, idempotency_key FROM idempotency_key WHERE created_at < ?
                    ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)""", before, Prune.BATCH));
    }
}
