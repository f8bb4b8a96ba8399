package io.storefront.shared;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.scheduler.FailedExecution;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.SuccessfulExecution;
import io.quarkus.scheduler.Trigger;

/**
 * Readiness of this pod's background jobs (the checkout reaper, order assignment, webhook delivery): DOWN when the
 * scheduler is not running, or when a job that is not paused has not finished a run for
 * {@code shop.health.max-job-stall} (stuck in a run, or no longer triggered). It reads no shared state: a backlog in
 * the database is the same for every pod, so it is a metric with an alert (docs/DEPLOYMENT.md), never a reason to
 * take all pods out of the Service at once. The database connection has Agroal's own readiness check.
 *
 * <p>A run that fails still counts as a run: the jobs catch their own errors and try again at the next tick, and a
 * database outage is what the datasource check reports.
 */
@Readiness
@ApplicationScoped
public class BackgroundJobsHealth implements HealthCheck {

    static final String NAME = "Background jobs";

    @Inject
    Scheduler scheduler;

    @Inject
    ShopConfig config;

    /** Monotonic, so that a test moving the application clock cannot make a job look stalled. */
    LongSupplier nanoTime = System::nanoTime;

    private final Map<String, Long> lastRunEnded = new ConcurrentHashMap<>();
    private volatile long createdAt = System.nanoTime();

    void succeeded(@Observes SuccessfulExecution event) {
        ended(event.getExecution());
    }

    void failed(@Observes FailedExecution event) {
        ended(event.getExecution());
    }

    void ended(ScheduledExecution execution) {
        lastRunEnded.put(execution.getTrigger().getId(), nanoTime.getAsLong());
    }

    /** For tests that replace {@link #nanoTime}: the time this check started watching. */
    void startWatching() {
        createdAt = nanoTime.getAsLong();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        Duration maxStall = config.health().maxJobStall();
        boolean up = scheduler.isRunning();
        if (!up) {
            response.withData("scheduler", "not running");
        }
        long now = nanoTime.getAsLong();
        for (Trigger job : scheduler.getScheduledJobs()) {
            String id = job.getId();
            if (scheduler.isPaused(id)) {
                response.withData(id, "paused");
                continue;
            }
            Duration quiet = Duration.ofNanos(now - lastRunEnded.getOrDefault(id, createdAt));
            boolean stalled = quiet.compareTo(maxStall) > 0;
            up &= !stalled;
            response.withData(id, stalled
                    ? "stalled: no run ended for " + seconds(quiet) + " (limit " + seconds(maxStall) + ")"
                    : "last run ended " + seconds(quiet) + " ago");
        }
        return response.status(up).build();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
