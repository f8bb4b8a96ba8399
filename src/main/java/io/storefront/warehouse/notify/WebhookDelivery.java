package io.storefront.warehouse.notify;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.storefront.shared.ShopConfig;
import io.storefront.shared.db.Sql;
import io.storefront.shared.db.Transactions;

/**
 * Sends the {@link Outbox} to the warehouses' webhooks, every {@code shop.outbox.interval}, and retries with
 * exponential backoff until the receiver answers 2xx.
 *
 * <p>A round claims due rows in a short transaction ({@code FOR UPDATE SKIP LOCKED}, so replicas share the rows
 * instead of waiting on each other) and leases them by moving {@code next_attempt_at} past the calls; the calls run
 * with no transaction or connection held, and the outcomes are written in a second short transaction. A replica
 * that dies in between leaves rows that fall due again when the lease ends, so nothing is lost; the price is
 * at-least-once delivery, and receivers drop repeats by {@code X-Event-Id}.
 */
@ApplicationScoped
public class WebhookDelivery {

    private static final int MAX_ERROR_LENGTH = 500;

    @Inject
    Sql sql;

    @Inject
    DataSource dataSource;

    @Inject
    ShopConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private HttpClient http;

    /** A claimed outbox row with where to send it; {@code attempt} counts this one. */
    record Claimed(long id, UUID warehouseId, String eventType, String payload, int attempt, String url,
            String secret) {
    }

    /**
     * How one call ended: delivered at {@code at}, or failed with {@code error} and due again at {@code at}.
     */
    record Outcome(Claimed notification, String error, Instant at) {

        boolean delivered() {
            return error == null;
        }
    }

    @PostConstruct
    void createClient() {
        // HTTP/1.1: on plain http the default would offer an h2c upgrade along with the body, which some receivers
        // mishandle. No redirects: a signed notification goes to the configured URL or nowhere.
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.outbox().requestTimeout())
                .build();
    }

    void registerBacklogGauge(@Observes StartupEvent event) {
        Gauge.builder("shop.outbox.backlog", this, WebhookDelivery::backlog)
                .description("Webhook notifications not yet delivered")
                .register(metrics);
    }

    @Scheduled(identity = "webhook-delivery", every = "${shop.outbox.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        try {
            int claimed;
            do {
                claimed = deliverBatch();
            } while (claimed == config.outbox().batchSize());
        } catch (RuntimeException e) {
            // Claimed rows fall due again when their lease ends.
            Log.error("Delivering webhook notifications failed; the next run tries again", e);
        }
    }

    /**
     * One round: claims up to one batch of due notifications, sends them in parallel and records the outcomes.
     *
     * @return how many were claimed
     */
    int deliverBatch() {
        List<Claimed> claimed = Transactions.retrying("Webhook claim", this::claimDue);
        if (claimed.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<String>> calls = claimed.stream().map(this::send).toList();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            String error = calls.get(i).join();
            Instant now = clock.instant();
            Claimed notification = claimed.get(i);
            outcomes.add(new Outcome(notification, error,
                    error == null ? now : now.plus(backoff(notification.attempt()))));
        }
        outcomes.sort(Comparator.comparingLong(outcome -> outcome.notification().id())); // the lock order
        Transactions.retrying("Webhook outcome", () -> record(outcomes));
        outcomes.forEach(WebhookDelivery::log);
        return claimed.size();
    }

    private List<Claimed> claimDue() {
        Instant now = clock.instant();
        List<Claimed> claimed = sql.list("""
                SELECT o.id, o.warehouse_id, o.event_type, o.payload::text, o.attempts, w.webhook_url,
                       w.webhook_secret
                FROM outbox o JOIN warehouse w ON w.id = o.warehouse_id
                WHERE o.delivered_at IS NULL AND o.next_attempt_at <= ?
                  AND NOT EXISTS (SELECT 1 FROM outbox e
                                  WHERE e.subject = o.subject AND e.delivered_at IS NULL AND e.id < o.id)
                ORDER BY o.next_attempt_at LIMIT ? FOR UPDATE OF o SKIP LOCKED""",
                row -> new Claimed(row.getLong(1), row.getObject(2, UUID.class), row.getString(3), row.getString(4),
                        row.getInt(5) + 1, row.getString(6), row.getString(7)),
                now, config.outbox().batchSize());
        if (!claimed.isEmpty()) {
            // This transaction holds no entities, so the flush of sql.update has nothing to write.
            sql.update("UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1 WHERE id = ANY (?)",
                    now.plus(config.outbox().lease()), Sql.array("int8", claimed.stream().map(Claimed::id).toList()));
        }
        return claimed;
    }

    /** Completes with null when the receiver answered 2xx, else with what went wrong; never exceptionally. */
    private CompletableFuture<String> send(Claimed notification) {
        if (notification.url() == null || notification.secret() == null) {
            // The webhook was removed after the notification was written: keep it (counted in the backlog) rather
            // than drop it silently.
            return CompletableFuture.completedFuture("The warehouse has no webhook URL and secret any more");
        }
        try {
            byte[] body = notification.payload().getBytes(UTF_8);
            Duration timeout = config.outbox().requestTimeout();
            String eventId = Long.toString(notification.id());
            long timestamp = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(notification.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(notification.secret(), timestamp, eventId,
                            body))
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header("X-Event-Id", eventId)
                    .header("X-Event-Type", notification.eventType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            // The request timeout does not cover a body that trickles in after the status line; this bound does,
            // so that every call ends well within the lease.
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .orTimeout(timeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)
                    .handle((response, failure) -> failure != null ? describe(failure)
                            : response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(describe(e));
        }
    }

    private Void record(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            long id = outcome.notification().id();
            if (outcome.delivered()) {
                sql.update("""
                        UPDATE outbox SET delivered_at = ?, last_error = NULL
                        WHERE id = ? AND delivered_at IS NULL""", outcome.at(), id);
            } else {
                // Only while the row is still this claim's: after an expired lease, another replica owns it.
                sql.update("""
                        UPDATE outbox SET last_error = ?, next_attempt_at = ?
                        WHERE id = ? AND attempts = ? AND delivered_at IS NULL""",
                        outcome.error(), outcome.at(), id, outcome.notification().attempt());
            }
        }
        return null;
    }

    private static void log(Outcome outcome) {
        Claimed notification = outcome.notification();
        if (outcome.delivered()) {
            Log.infof("Webhook notification %d (%s) delivered to warehouse %s on attempt %d", notification.id(),
                    notification.eventType(), notification.warehouseId(), notification.attempt());
        } else {
            Log.warnf("Webhook notification %d to warehouse %s failed on attempt %d: %s; next attempt at %s",
                    notification.id(), notification.warehouseId(), notification.attempt(), outcome.error(),
                    outcome.at());
        }
    }

    /**
     * {@code retryBase * 2^(attempt-1)}, at most {@code retryMax}, plus up to 20% jitter so that the backlog of a
     * receiver that comes back does not arrive from every replica in the same instant.
     */
    Duration backoff(int attempt) {
        Duration delay = config.outbox().retryBase().multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 30));
        if (delay.compareTo(config.outbox().retryMax()) > 0) {
            delay = config.outbox().retryMax();
        }
        return delay.plusMillis(ThreadLocalRandom.current().nextLong(delay.toMillis() / 5 + 1));
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }

    /** Read on every scrape; the partial index outbox_due_idx holds exactly the undelivered rows. */
    private double backlog() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM outbox WHERE delivered_at IS NULL");
                ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            Log.debug("Counting the outbox backlog failed", e);
            return Double.NaN;
        }
    }
}
