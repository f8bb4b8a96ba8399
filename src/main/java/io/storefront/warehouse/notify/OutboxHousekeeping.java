package io.storefront.warehouse.notify;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.storefront.shared.ShopConfig;
import io.storefront.shared.db.Prune;
import io.storefront.shared.db.Sql;

/**
 * Deletes delivered webhook notifications {@code shop.housekeeping.delivered-notification-retention} after their
 * delivery; undelivered ones stay until they are delivered, however old.
 */
@ApplicationScoped
public class OutboxHousekeeping {

    @Inject
    Sql sql;

    @Inject
    ShopConfig config;

    @Inject
    Clock clock;

    @Scheduled(identity = "outbox-housekeeping", every = "${shop.housekeeping.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Prune.scheduled("delivered notification(s)", this::prune);
    }

    /** Deletes the delivered notifications past their retention; returns how many. */
    public int prune() {
        Instant before = clock.instant().minus(config.housekeeping().deliveredNotificationRetention());
        return Prune.inBatches("Delivered notification pruning", () -> sql.update("""
                DELETE FROM outbox WHERE id IN (
                    SELECT id FROM outbox WHERE delivered_at < ?
                    ORDER BY delivered_at LIMIT ? FOR UPDATE SKIP LOCKED)""", before, Prune.BATCH));
    }
}
