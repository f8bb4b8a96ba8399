package io.storefront.shared;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;

/**
 * Readiness describes this pod, not the shared database: a backlog of expired checkouts or overdue orders leaves
 * every pod ready (it would otherwise empty the Service) and shows up as a lag metric instead.
 */
@QuarkusTest
class ReadinessTest {

    private static final String REAPER = "expired-checkout-reaper";
    private static final String ASSIGNER = "order-assignment";

    @Inject
    Fixtures fixtures;

    @Inject
    Scheduler scheduler;

    @AfterEach
    void resumeJobs() {
        scheduler.resume(REAPER);
        scheduler.resume(ASSIGNER);
    }

    @Test
    void shouldStayReadyWhileExpiredCheckoutsWaitAndReportTheReapersLagAsAMetric() {
        scheduler.pause(REAPER);
        fixtures.execute("INSERT INTO checkout (id, customer_id, status, created_at, expires_at, total_amount, currency) "
                + "VALUES (?, ?, 'ACTIVE', now() - interval '20 minutes', now() - interval '10 minutes', 0, 'USD')",
                UUID.randomUUID(), UUID.randomUUID());

        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Background jobs' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Background jobs' }.data.'" + REAPER + "'", equalTo("paused"));
        assertThat(gauge("shop_reservations_expired_lag_seconds")).isGreaterThanOrEqualTo(590);
        assertThat(gauge("shop_reservations_expired")).isGreaterThanOrEqualTo(1);

        scheduler.resume(REAPER);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(gauge("shop_reservations_expired_lag_seconds")).isZero());
    }

    @Test
    void shouldStayReadyWhileOrdersWaitForAssignmentAndReportTheAssignersLagAsAMetric() {
        UUID item = fixtures.item("Readiness Lamp", 5);
        scheduler.pause(ASSIGNER);
        String order = Api.order(UUID.randomUUID(), Map.of(item, 1));
        fixtures.execute("UPDATE customer_order SET next_assignment_at = now() - interval '10 minutes' WHERE id = ?::uuid",
                order);

        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Background jobs' }.data.'" + ASSIGNER + "'", equalTo("paused"));
        assertThat(gauge("shop_assignment_lag_seconds")).isGreaterThanOrEqualTo(590);

        scheduler.resume(ASSIGNER);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(gauge("shop_assignment_lag_seconds")).isZero());
    }

    @Test
    void shouldReportEachRunningJobOfThisPod() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'Background jobs' }.data.'" + REAPER + "'",
                        startsWith("next run at"))
                .body("checks.find { it.name == 'Background jobs' }.data.'" + ASSIGNER + "'",
                        startsWith("next run at"))
                .body("checks.find { it.name == 'Background jobs' }.data.'webhook-delivery'",
                        startsWith("next run at")));
        given().get("/q/health/live").then().statusCode(200);
    }

    private static double gauge(String name) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        assertThat(value.find()).as("metric %s in /q/metrics", name).isTrue();
        return Double.parseDouble(value.group(1));
    }
}
