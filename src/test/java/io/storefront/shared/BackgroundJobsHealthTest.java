package io.storefront.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.FailedExecution;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.SuccessfulExecution;
import io.quarkus.scheduler.Trigger;

/** The per-pod rule of the readiness check, with a scheduler and a clock of the test's own. */
class BackgroundJobsHealthTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final BackgroundJobsHealth health = new BackgroundJobsHealth();
    private boolean running = true;
    private Set<String> paused = Set.of();

    @BeforeEach
    void setUp() {
        health.nanoTime = nanos::get;
        health.startWatching();
        health.scheduler = scheduler(List.of("reaper", "assigner"));
        health.config = config(Duration.ofSeconds(60));
    }

    @Test
    void shouldBeUpWhileEveryJobFinishesRunsWithinTheLimit() {
        for (int tick = 0; tick < 10; tick++) {
            advance(Duration.ofSeconds(30));
            health.succeeded(new SuccessfulExecution(execution("reaper")));
            health.succeeded(new SuccessfulExecution(execution("assigner")));
        }
        HealthCheckResponse response = health.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("reaper", "last run ended 0.0 s ago");
    }

    @Test
    void shouldGoDownForAJobThatHasNotFinishedARunWithinTheLimit() {
        advance(Duration.ofSeconds(59));
        health.succeeded(new SuccessfulExecution(execution("reaper")));
        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

        advance(Duration.ofSeconds(2)); // the assigner: 61 s since the check started watching, never a run
        HealthCheckResponse response = health.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow())
                .containsEntry("assigner", "stalled: no run ended for 61.0 s (limit 60.0 s)")
                .containsEntry("reaper", "last run ended 2.0 s ago");

        health.succeeded(new SuccessfulExecution(execution("assigner")));
        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void shouldCountAFailedRunAsARunBecauseTheJobTriesAgainAtItsNextTick() {
        advance(Duration.ofSeconds(50));
        health.failed(new FailedExecution(execution("reaper"), new IllegalStateException("database down")));
        health.succeeded(new SuccessfulExecution(execution("assigner")));
        advance(Duration.ofSeconds(50));
        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void shouldLeaveAPausedJobOutOfTheVerdict() {
        paused = Set.of("assigner");
        advance(Duration.ofMinutes(10));
        health.succeeded(new SuccessfulExecution(execution("reaper")));
        HealthCheckResponse response = health.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("assigner", "paused");
    }

    @Test
    void shouldGoDownWhenTheSchedulerIsNotRunning() {
        running = false;
        HealthCheckResponse response = health.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("scheduler", "not running");
    }

    private void advance(Duration duration) {
        nanos.addAndGet(TimeUnit.NANOSECONDS.convert(duration));
    }

    private Scheduler scheduler(List<String> jobs) {
        List<Trigger> triggers = jobs.stream().map(BackgroundJobsHealthTest::trigger).toList();
        return (Scheduler) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Scheduler.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "isRunning" -> running;
                    case "isPaused" -> paused.contains((String) args[0]);
                    case "getScheduledJobs" -> triggers;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Trigger trigger(String id) {
        return (Trigger) Proxy.newProxyInstance(BackgroundJobsHealthTest.class.getClassLoader(),
                new Class<?>[] { Trigger.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ScheduledExecution execution(String id) {
        Trigger trigger = trigger(id);
        return new ScheduledExecution() {
            @Override
            public Trigger getTrigger() {
                return trigger;
            }

            @Override
            public Instant getFireTime() {
                return Instant.EPOCH;
            }

            @Override
            public Instant getScheduledFireTime() {
                return Instant.EPOCH;
            }
        };
    }

    private static ShopConfig config(Duration maxStall) {
        ShopConfig.Health health = () -> maxStall;
        return (ShopConfig) Proxy.newProxyInstance(BackgroundJobsHealthTest.class.getClassLoader(),
                new Class<?>[] { ShopConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "health" -> health;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
