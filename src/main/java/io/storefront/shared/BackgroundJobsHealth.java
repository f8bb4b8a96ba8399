package io.storefront.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.scheduler.FailedExecution;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.SkippedExecution;
import io.quarkus.scheduler.SuccessfulExecution;
import io.quarkus.scheduler.Trigger;

/**
 * Readiness of this pod's background jobs (the checkout reaper, order assignment, webhook delivery, payment voids,
 * housekeeping): DOWN when the scheduler is not running, or when a job that is not paused has stalled for longer
 * than {@code shop.health.max-job-stall}: stuck in a run (its ticks keep being skipped because the run has not
 * ended), or no longer triggered (its next run is overdue). It reads no shared state: a backlog in the database is
 * the same for every pod, so it is a metric with an alert (docs/DEPLOYMENT.md), never a reason to take all pods out
 * of the Service at once. The database connection has Agroal's own readiness check.
 *
 * <p>A run that fails still ends: the jobs catch their own errors and try again at the next tick, and a database
 * outage is what the datasource check reports.
 */
@Readiness
@ApplicationScoped
public class BackgroundJobsHealth implements HealthCheck {

    static final String NAME = "Background jobs";

    @Inject
    Scheduler scheduler;

    @Inject
    ShopConfig config;

    /** The wall clock of the scheduler's triggers (replaced in unit tests; not the application's movable clock). */
    Supplier<Instant> now = Instant::now;

    /** Per job: when its ticks began to be skipped because its run had not ended; absent while it runs normally. */
    private final Map<String, Instant> skippedSince = new ConcurrentHashMap<>();

    void skipped(@Observes SkippedExecution event) {
        skippedSince.putIfAbsent(event.triggerId, now.get());
    }

    void succeeded(@Observes SuccessfulExecution event) {
        skippedSince.remove(event.getExecution().getTrigger().getId());
    }

    void failed(@Observes FailedExecution event) {
        skippedSince.remove(event.getExecution().getTrigger().getId());
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        Duration maxStall = config.health().maxJobStall();
        boolean up = scheduler.isRunning();
        if (!up) {
            response.withData("scheduler", "not running");
        }
        Instant at = now.get();
        for (Trigger job : scheduler.getScheduledJobs()) {
            String id = job.getId();
            if (scheduler.isPaused(id)) {
                response.withData(id, "paused");
                continue;
            }
            Instant skipping = skippedSince.get(id);
            Instant next = job.getNextFireTime();
            if (skipping != null && Duration.between(skipping, at).compareTo(maxStall) > 0) {
                up = false;
                response.withData(id, "stalled: one run has kept the next ones from starting for "
                        + seconds(Duration.between(skipping, at)) + " (limit " + seconds(maxStall) + ")");
            } else if (next != null && Duration.between(next, at).compareTo(maxStall) > 0) {
                up = false;
                response.withData(id, "stalled: its run was due " + seconds(Duration.between(next, at))
                        + " ago (limit " + seconds(maxStall) + ")");
            } else {
                response.withData(id, next == null ? "running" : "next run at " + next);
            }
        }
        return response.status(up).build();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
