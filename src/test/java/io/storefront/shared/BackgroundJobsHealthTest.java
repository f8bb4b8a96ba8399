package io.storefront.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.FailedExecution;
import io.quarkus.scheduler.ScheduledExecution;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.SkippedExecution;
import io.quarkus.scheduler.SuccessfulExecution;
import io.quarkus.scheduler.Trigger;

/** The per-pod rule of the readiness check, with a scheduler and a clock of the test's own. */
class BackgroundJobsHealthTest {

    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final Map<String, Instant> nextFire = new ConcurrentHashMap<>();
    private final BackgroundJobsHealth health = new BackgroundJobsHealth();
    private boolean running = true;
    private Set<String> paused = Set.of();

    @BeforeEach
    void setUp() {
        health.now = now::get;
        health.scheduler = scheduler(List.of("reaper", "housekeeping"));
        health.config = config(Duration.ofSeconds(60));
        nextFire.put("reaper", START.plusSeconds(5));
        nextFire.put("housekeeping", START.plus(Duration.ofHours(1)));
    }

    @Test
    void shouldBeUpWhileEveryJobIsTriggeredAndItsRunsEnd() {
        for (int tick = 0; tick < 20; tick++) {
            advance(Duration.ofSeconds(5));
            nextFire.put("reaper", now.get().plusSeconds(5));
            health.succeeded(new SuccessfulExecution(execution("reaper")));
        }
        HealthCheckResponse response = health.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("reaper", "next run at " + now.get().plusSeconds(5))
                .containsEntry("housekeeping", "next run at " + START.plus(Duration.ofHours(1)));
    }

    @Test
    void shouldGoDownForAJobWhoseRunKeepsTheNextOnesFromStarting() {
        advance(Duration.ofSeconds(5));
        health.skipped(new SkippedExecution(execution("reaper")));
        advance(Duration.ofSeconds(59));
        nextFire.put("reaper", now.get().plusSeconds(1));
        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

        advance(Duration.ofSeconds(2));
        health.skipped(new SkippedExecution(execution("reaper")));
        HealthCheckResponse response = health.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow())
                .containsEntry("reaper", "stalled: one run has kept the next ones from starting for 61.0 s "
                        + "(limit 60.0 s)");

        health.succeeded(new SuccessfulExecution(execution("reaper")));
        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void shouldGoDownForAJobThatIsNoLongerTriggered() {
        advance(Duration.ofSeconds(66)); // the reaper was due at START + 5 s
        HealthCheckResponse response = health.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow())
                .containsEntry("reaper", "stalled: its run was due 61.0 s ago (limit 60.0 s)");
    }

    @Test
    void shouldLetARareJobWaitForItsNextRunWithoutGoingDown() {
        advance(Duration.ofMinutes(59));
        nextFire.put("reaper", now.get().plusSeconds(5));
        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void shouldCountAFailedRunAsEndedBecauseTheJobTriesAgainAtItsNextTick() {
        health.skipped(new SkippedExecution(execution("reaper")));
        health.failed(new FailedExecution(execution("reaper"), new IllegalStateException("database down")));
        advance(Duration.ofSeconds(61));
        nextFire.put("reaper", now.get().plusSeconds(1));
        assertThat(health.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void shouldLeaveAPausedJobOutOfTheVerdict() {
        paused = Set.of("reaper");
        advance(Duration.ofMinutes(10));
        HealthCheckResponse response = health.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("reaper", "paused");
    }

    @Test
    void shouldGoDownWhenTheSchedulerIsNotRunning() {
        running = false;
        HealthCheckResponse response = health.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("scheduler", "not running");
    }

    private void advance(Duration duration) {
        now.set(now.get().plus(duration));
    }

    private Scheduler scheduler(List<String> jobs) {
        List<Trigger> triggers = jobs.stream().map(this::trigger).toList();
        return (Scheduler) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Scheduler.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "isRunning" -> running;
                    case "isPaused" -> paused.contains((String) args[0]);
                    case "getScheduledJobs" -> triggers;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Trigger trigger(String id) {
        return (Trigger) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Trigger.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "getNextFireTime" -> nextFire.get(id);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private ScheduledExecution execution(String id) {
        Trigger trigger = trigger(id);
        return new ScheduledExecution() {
            @Override
            public Trigger getTrigger() {
                return trigger;
            }

            @Override
            public Instant getFireTime() {
                return now.get();
            }

            @Override
            public Instant getScheduledFireTime() {
                return now.get();
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
