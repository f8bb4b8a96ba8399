package io.storefront.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.storefront.support.Retries;

/** A transaction that loses a deadlock runs again, and the retry shows in the metric the race tests watch. */
@QuarkusTest
class TransactionRetriesTest {

    @Inject
    MeterRegistry metrics;

    @Test
    void shouldRunADeadlockedTransactionAgainAndCountIt() {
        double before = Retries.count(metrics, "Retry probe");
        AtomicInteger attempts = new AtomicInteger();

        String result = Transactions.retrying("Retry probe", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException(new SQLException("deadlock detected", "40P01"));
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(2);
        assertThat(Retries.count(metrics, "Retry probe") - before).isEqualTo(1);
    }

    @Test
    void shouldNotRunAnyOtherFailureAgain() {
        double before = Retries.count(metrics, "Retry probe 2");
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> Transactions.retrying("Retry probe 2", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException(new SQLException("unique violation", "23505"));
        })).isInstanceOf(IllegalStateException.class);

        assertThat(attempts).hasValue(1);
        assertThat(Retries.count(metrics, "Retry probe 2")).isEqualTo(before);
    }
}
