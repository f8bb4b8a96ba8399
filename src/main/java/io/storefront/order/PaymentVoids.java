package io.storefront.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.storefront.shared.ShopConfig;
import io.storefront.shared.db.Sql;
import io.storefront.shared.db.Transactions;

/**
 * Gives cancelled orders' payment authorizations back to the gateway, after the cancel has committed and retried
 * until the gateway confirms: an outbox ({@code payment_void}) written in the cancel's transaction, so that a cancel
 * never loses its void and a gateway outage never blocks a cancel.
 *
 * <p>Safe on any number of replicas: a run claims due rows with {@code FOR UPDATE SKIP LOCKED} and leases them for a
 * minute by moving {@code next_attempt_at}; the gateway calls happen after that short transaction. A replica that
 * dies mid-call leaves the row to fall due again, so a void may be sent twice: {@link PaymentGateway#release} must
 * be idempotent per reference.
 */
@ApplicationScoped
public class PaymentVoids {

    static final String JOB = "payment-voids";
    private static final int BATCH = 50;
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration RETRY_MAX = Duration.ofMinutes(10);

    @Inject
    Sql sql;

    @Inject
    PaymentGateway payments;

    @Inject
    ShopConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private record Due(UUID orderId, String reference, int attempt) {
    }

    /** In the cancel's transaction: this order's authorization is to be given back. */
    void schedule(UUID orderId, String paymentReference, Instant now) {
        sql.update("""
                INSERT INTO payment_void (order_id, payment_reference, created_at, next_attempt_at)
                VALUES (?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING""", orderId, paymentReference, now, now);
    }

    @Scheduled(identity = JOB, every = "${shop.payment.void-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void voidDue() {
        try {
            while (voidBatch() == BATCH) {
                // a full batch: there may be more due
            }
        } catch (RuntimeException e) {
            Log.error("Voiding cancelled orders' payments failed; the next run tries again", e);
        }
    }

    /** Sends one batch of due voids; returns how many were claimed. */
    int voidBatch() {
        List<Due> due = Transactions.retrying("Payment void claim", () -> {
            Instant now = clock.instant();
            List<Due> claimed = sql.list("""
                    SELECT order_id, payment_reference, attempts + 1 FROM payment_void
                    WHERE voided_at IS NULL AND next_attempt_at <= ?
                    ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED""",
                    row -> new Due(row.getObject(1, UUID.class), row.getString(2), row.getInt(3)), now, BATCH);
            if (!claimed.isEmpty()) {
                sql.update("UPDATE payment_void SET attempts = attempts + 1, next_attempt_at = ? WHERE order_id = ANY (?)",
                        now.plus(LEASE), Sql.array("uuid", claimed.stream().map(Due::orderId).toList()));
            }
            return claimed;
        });
        for (Due void_ : due) {
            send(void_);
        }
        return due.size();
    }

    private void send(Due due) {
        try {
            payments.release(new PaymentGateway.Authorization(true, due.reference(), null));
        } catch (RuntimeException e) {
            Instant next = clock.instant().plus(backoff(due.attempt()));
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            Transactions.retrying("Payment void failure", () -> sql.update("""
                    UPDATE payment_void SET last_error = ?, next_attempt_at = ?
                    WHERE order_id = ? AND attempts = ? AND voided_at IS NULL""",
                    error.length() > 500 ? error.substring(0, 500) : error, next, due.orderId(), due.attempt()));
            metrics.counter("shop.payment.voids", "outcome", "failed").increment();
            Log.warnf("Voiding the payment of cancelled order %s failed on attempt %d (%s); next attempt at %s",
                    due.orderId(), due.attempt(), error, next);
            return;
        }
        Transactions.retrying("Payment voided", () -> sql.update(
                "UPDATE payment_void SET voided_at = ?, last_error = NULL WHERE order_id = ? AND voided_at IS NULL",
                clock.instant(), due.orderId()));
        metrics.counter("shop.payment.voids", "outcome", "voided").increment();
        Log.infof("Payment of cancelled order %s voided (attempt %d)", due.orderId(), due.attempt());
    }

    /** {@code voidRetryBase * 2^(attempt-1)}, at most ten minutes. */
    Duration backoff(int attempt) {
        Duration delay = config.payment().voidRetryBase().multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        return delay.compareTo(RETRY_MAX) > 0 ? RETRY_MAX : delay;
    }
}
