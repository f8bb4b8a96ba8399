package io.storefront.checkout;

import static io.restassured.RestAssured.given;
import static io.storefront.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.storefront.shared.ShopConfig;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;
import io.storefront.support.MutableClock;

/** Expiry with a clock the test moves: no test waits ten minutes. The reaper runs every second in tests. */
@QuarkusTest
class CheckoutExpiryTest {

    private static final String REAPER = "expired-checkout-reaper";
    /** Jobs that read the clock but are not tested here: paused while the test moves the clock. */
    private static final List<String> OTHER_JOBS = List.of("order-assignment", "webhook-delivery");

    @Inject
    Fixtures fixtures;

    @Inject
    ShopConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Scheduler scheduler;

    MutableClock clock = new MutableClock();

    @BeforeEach
    void useTestClock() {
        OTHER_JOBS.forEach(scheduler::pause);
        QuarkusMock.installMockForType(clock, Clock.class);
        scheduler.resume(REAPER);
    }

    @AfterEach
    void resumeJobs() {
        scheduler.resume(REAPER);
        OTHER_JOBS.forEach(scheduler::resume);
    }

    @Test
    void shouldReleaseStockWithinTtlPlusOneReaperInterval() {
        UUID customer = UUID.randomUUID();
        UUID tent = fixtures.item("Expiry Tent", 6);
        Api.checkout(customer, Map.of(tent, 4));
        assertThat(fixtures.aggregated(tent)).isEqualTo(2);

        clock.advance(config.checkout().reservationTtl().minusSeconds(1));
        as(customer).get("/api/v1/checkout").then().statusCode(200);
        assertThat(fixtures.aggregated(tent)).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        Duration interval = Duration.ofSeconds(1); // shop.checkout.reaper-interval
        await().atMost(interval.multipliedBy(3)).untilAsserted(() -> assertThat(fixtures.aggregated(tent)).isEqualTo(6));

        assertThat(fixtures.queryInt("SELECT count(*) FROM checkout WHERE customer_id = ? AND status = 'EXPIRED'",
                customer)).isEqualTo(1);
        as(customer).get("/api/v1/checkout").then().statusCode(404);
        Api.putInCart(customer, tent, 5).then().statusCode(200);
        fixtures.auditOwnItems();
    }

    @Test
    void shouldRefuseToSubmitAnExpiredCheckoutEvenBeforeTheReaperRuns() {
        scheduler.pause(REAPER);
        UUID customer = UUID.randomUUID();
        UUID stove = fixtures.item("Expiry Stove", 3);
        String checkoutId = Api.checkout(customer, Map.of(stove, 2));

        clock.advance(config.checkout().reservationTtl());

        Api.submit(customer, UUID.randomUUID().toString(), checkoutId, "tok_visa").then().statusCode(409)
                .body("code", equalTo("CHECKOUT_EXPIRED"));
        assertThat(fixtures.queryInt("SELECT count(*) FROM customer_order WHERE customer_id = ?", customer)).isZero();
        // Not yet released: the reservation still counts in the audit, which stays clean.
        assertThat(fixtures.aggregated(stove)).isEqualTo(1);
        Api.assertAuditClean(List.of(stove));

        scheduler.resume(REAPER);
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(fixtures.aggregated(stove)).isEqualTo(3));
        fixtures.auditOwnItems();
    }

    @Test
    void shouldStartAFreshCheckoutWhenTheOldOneHasExpired() {
        scheduler.pause(REAPER);
        UUID customer = UUID.randomUUID();
        UUID kite = fixtures.item("Expiry Kite", 5);
        String first = Api.checkout(customer, Map.of(kite, 2));
        clock.advance(config.checkout().reservationTtl().plusSeconds(1));

        String second = Api.beginCheckout(customer).then().statusCode(201).extract().path("id");

        assertThat(second).isNotEqualTo(first);
        assertThat(fixtures.aggregated(kite)).isEqualTo(3);
        fixtures.auditOwnItems();
    }

    @Test
    void shouldRecordTheReleaseLagOfEachExpiredCheckout() {
        long countBefore = lagTimer().map(Timer::count).orElse(0L);
        double secondsBefore = lagTimer().map(timer -> timer.totalTime(TimeUnit.SECONDS)).orElse(0.0);
        UUID customer = UUID.randomUUID();
        UUID rope = fixtures.item("Expiry Rope", 5);
        Api.checkout(customer, Map.of(rope, 1));
        clock.advance(config.checkout().reservationTtl().plusSeconds(2));
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(fixtures.aggregated(rope)).isEqualTo(5));

        // The reaper released it at least 2 s (of the test's clock) after its expiry, and recorded that.
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(lagTimer().map(Timer::count).orElse(0L)).isGreaterThan(countBefore);
            // 2 s or more, up to the rounding of a difference of two double sums.
            assertThat(lagTimer().orElseThrow().totalTime(TimeUnit.SECONDS) - secondsBefore).isGreaterThan(1.999);
        });
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("shop_checkout_release_lag_seconds_count"));
    }

    private java.util.Optional<Timer> lagTimer() {
        return java.util.Optional.ofNullable(metrics.find("shop.checkout.release.lag").timer());
    }
}
