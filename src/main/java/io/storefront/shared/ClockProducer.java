package io.storefront.shared;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The one source of "now", so that expiry and backoff are testable without sleeping. It ticks in microseconds,
 * PostgreSQL's timestamp precision, so that an instant survives a round trip through the database unchanged
 * (PostgreSQL would round nanoseconds, and a rounded-up expiry would outlive its checkout).
 */
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
