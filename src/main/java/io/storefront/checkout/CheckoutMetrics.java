package io.storefront.checkout;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.storefront.shared.db.Transactions;
import io.storefront.shared.db.Sql;

/**
 * Reservation gauges, read from the database at scrape time (so they agree across replicas): active checkouts,
 * the units they hold, and checkouts past their expiry whose stock the reaper has not released yet, with the age of
 * the oldest (the reaper's lag, which docs/DEPLOYMENT.md alerts on). The partial index on ACTIVE checkouts keeps this
 * a small read.
 */
@ApplicationScoped
public class CheckoutMetrics {

    @Inject
    Sql sql;

    @Inject
    Clock clock;

    void register(@Observes StartupEvent event, MeterRegistry metrics) {
        Gauge.builder("shop.reservations.active", this, m -> m.count(Checkout.LIVE, false))
                .description("Active checkouts holding reservations").register(metrics);
        Gauge.builder("shop.reservations.units", this, m -> m.count(Checkout.LIVE, true))
                .description("Units reserved by active checkouts").register(metrics);
        Gauge.builder("shop.reservations.expired", this, m -> m.count(Checkout.DUE_FOR_EXPIRY, false))
                .description("Checkouts past their expiry whose stock is not yet released").register(metrics);
        Gauge.builder("shop.reservations.expired.lag", this, CheckoutMetrics::expiredLagSeconds).baseUnit("seconds")
                .description("How long ago the oldest checkout not yet released expired (0 when none): the reaper's "
                        + "lag across all replicas")
                .register(metrics);
    }

    private double expiredLagSeconds() {
        Instant now = clock.instant();
        return Transactions.reading(() -> sql.one(
                "SELECT coalesce(extract(epoch FROM ?::timestamptz - min(expires_at)), 0) FROM checkout WHERE "
                        + Checkout.DUE_FOR_EXPIRY,
                row -> row.getDouble(1), now, now));
    }

    private double count(String condition, boolean units) {
        String select = units
                ? "SELECT coalesce(sum(l.quantity), 0) FROM checkout JOIN checkout_line l ON l.checkout_id = checkout.id "
                        + "WHERE " + condition
                : "SELECT count(*) FROM checkout WHERE " + condition;
        return Transactions.reading(() -> sql.one(select, row -> row.getDouble(1), clock.instant()));
    }
}
