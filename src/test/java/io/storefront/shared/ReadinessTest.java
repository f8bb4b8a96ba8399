package io.storefront.shared;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.storefront.support.Fixtures;

@QuarkusTest
class ReadinessTest {

    private static final String REAPER = "expired-checkout-reaper";

    @Inject
    Fixtures fixtures;

    @Inject
    Scheduler scheduler;

    @AfterEach
    void resumeReaper() {
        scheduler.resume(REAPER);
    }

    @Test
    void shouldBeUnreadyWhileTheReaperFallsBehindAndReadyOnceItCatchesUp() {
        scheduler.pause(REAPER);
        fixtures.execute("INSERT INTO checkout (id, customer_id, status, created_at, expires_at, total_amount, currency) "
                + "VALUES (?, ?, 'ACTIVE', now() - interval '20 minutes', now() - interval '10 minutes', 0, 'USD')",
                UUID.randomUUID(), UUID.randomUUID());

        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Background jobs' }.status", equalTo("DOWN"))
                // At least this one: other tests' checkouts may be due too while the reaper is paused.
                .body("checks.find { it.name == 'Background jobs' }.data.expiredCheckoutsNotReleased",
                        greaterThanOrEqualTo(1));
        given().get("/q/health/live").then().statusCode(200);

        scheduler.resume(REAPER);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
