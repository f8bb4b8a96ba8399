package io.storefront.shared;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.storefront.shared.db.Transactions;
import io.storefront.shared.db.Sql;

/**
 * Readiness of the background jobs (the database itself has Agroal's own check): DOWN when expired checkouts
 * still hold stock, or orders wait for assignment, longer than {@code shop.health.max-job-lag} past their due
 * time. Both are cheap: partial indexes cover exactly those rows.
 */
@Readiness
@ApplicationScoped
public class BackgroundJobsHealth implements HealthCheck {

    @Inject
    Sql sql;

    @Inject
    ShopConfig config;

    @Inject
    Clock clock;

    @Override
    public HealthCheckResponse call() {
        Instant limit = clock.instant().minus(config.health().maxJobLag());
        try {
            long[] late = Transactions.reading(() -> sql.run(connection -> {
                try (PreparedStatement select = connection.prepareStatement("""
                        SELECT (SELECT count(*) FROM checkout WHERE status = 'ACTIVE' AND expires_at < ?),
                               (SELECT count(*) FROM customer_order WHERE status = 'PLACED' AND next_assignment_at < ?)""")) {
                    select.setObject(1, limit.atOffset(ZoneOffset.UTC));
                    select.setObject(2, limit.atOffset(ZoneOffset.UTC));
                    try (ResultSet rows = select.executeQuery()) {
                        rows.next();
                        return new long[] { rows.getLong(1), rows.getLong(2) };
                    }
                }
            }));
            return HealthCheckResponse.named("Background jobs")
                    .status(late[0] == 0 && late[1] == 0)
                    .withData("expiredCheckoutsNotReleased", late[0])
                    .withData("ordersOverdueForAssignment", late[1])
                    .withData("maxLag", config.health().maxJobLag().toString())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("Background jobs").down().withData("error", "database unreachable").build();
        }
    }
}
