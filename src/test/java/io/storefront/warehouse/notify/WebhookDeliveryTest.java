package io.storefront.warehouse.notify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.storefront.shared.ShopConfig;
import io.storefront.support.Fixtures;
import io.storefront.support.Race;

/**
 * Webhook delivery against a real HTTP receiver started by the test. The job runs every second in tests and retries
 * after 0.2 s, doubling; each test owns its warehouse and looks only at that warehouse's outbox rows.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final String JOB = "webhook-delivery";
    private static final String SECRET = "a-test-secret-of-enough-length";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    Fixtures fixtures;

    @Inject
    WebhookDelivery delivery;

    @Inject
    Scheduler scheduler;

    @Inject
    MeterRegistry metrics;

    @Inject
    ShopConfig config;

    Receiver receiver;

    final List<UUID> warehouses = new ArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = Receiver.start();
    }

    @AfterEach
    void cleanUp() {
        scheduler.resume(JOB);
        receiver.stop();
        // Rows of an unreachable webhook would otherwise be retried for the rest of the test run.
        warehouses.forEach(warehouse -> fixtures.execute("DELETE FROM outbox WHERE warehouse_id = ?", warehouse));
    }

    @Test
    void shouldDeliverSignedNotifications() {
        UUID warehouse = webhookWarehouse(receiver.url());
        long id = notify(warehouse, payload());

        // Delivered by a batch run here rather than the job's next tick, which is not what this test is about.
        await().atMost(PATIENCE).until(() -> {
            delivery.deliverBatch();
            return isDelivered(id);
        });

        assertThat(receiver.received()).hasSize(1);
        Received request = receiver.received().get(0);
        long timestamp = Long.parseLong(request.timestamp());
        assertThat(timestamp).as("X-Timestamp, seconds since the epoch")
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);
        assertThat(WebhookSignature.verify(SECRET, timestamp, request.eventId(), request.body(), request.signature()))
                .as("X-Signature %s over timestamp, event id and the received body", request.signature()).isTrue();
        assertThat(request.signature()).matches("sha256=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(SECRET, timestamp + 1, request.eventId(), request.body(),
                request.signature())).as("another timestamp does not verify").isFalse();
        assertThat(WebhookSignature.verify(SECRET, timestamp, "999999", request.body(), request.signature()))
                .as("another event id does not verify").isFalse();
        assertThat(request.eventId()).isEqualTo(Long.toString(id));
        assertThat(request.eventType()).isEqualTo(Outbox.WAREHOUSE_ORDER_CREATED);
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(fixtures.queryInt("SELECT count(*) FROM outbox WHERE id = ? AND payload::text = ?", id,
                new String(request.body(), UTF_8))).as("the received body is exactly the stored payload").isEqualTo(1);
        assertThat(fixtures.queryInt("SELECT attempts FROM outbox WHERE id = ?", id)).isEqualTo(1);
        assertThat(fixtures.queryInt("SELECT count(*) FROM outbox WHERE id = ? AND last_error IS NULL", id))
                .isEqualTo(1);
    }

    @Test
    void shouldRetryAFailingReceiverWithBackoffUntilItSucceeds() {
        receiver.answer(request -> request <= 2 ? 500 : 200);
        UUID warehouse = webhookWarehouse(receiver.url());
        long id = notify(warehouse, payload());

        await().atMost(PATIENCE).until(() -> fixtures.queryInt(
                "SELECT count(*) FROM outbox WHERE id = ? AND last_error = 'HTTP 500' AND delivered_at IS NULL",
                id) == 1);
        await().atMost(PATIENCE).until(() -> isDelivered(id));

        assertThat(fixtures.queryInt("SELECT attempts FROM outbox WHERE id = ?", id)).isEqualTo(3);
        assertThat(fixtures.queryInt("SELECT count(*) FROM outbox WHERE id = ? AND last_error IS NULL", id))
                .as("a delivery clears the last error").isEqualTo(1);
        List<Received> requests = receiver.received();
        assertThat(requests).hasSize(3).extracting(Received::eventId).containsOnly(Long.toString(id));
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
                .as("the first retry waits at least the retry base").isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(requests.get(1).at(), requests.get(2).at()))
                .as("the second retry waits at least twice the retry base")
                .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    /** A warehouse order's notifications arrive in the order they were written, even when the first is retried. */
    @Test
    void shouldDeliverOneSubjectsNotificationsInOrderWhileTheFirstIsRetried() {
        receiver.answer(request -> request <= 2 ? 500 : 200);
        UUID warehouse = webhookWarehouse(receiver.url());
        UUID warehouseOrder = UUID.randomUUID();
        long created = notify(warehouse, warehouseOrder, "warehouse-order.created");
        long cancelled = notify(warehouse, warehouseOrder, "warehouse-order.cancelled");

        await().atMost(PATIENCE).until(() -> isDelivered(created) && isDelivered(cancelled));

        List<String> events = receiver.received().stream().map(Received::eventId).toList();
        assertThat(events).as("requests in the order received")
                .containsExactly(Long.toString(created), Long.toString(created), Long.toString(created),
                        Long.toString(cancelled));
    }

    @Test
    void shouldKeepRetryingAnUnreachableWebhook() throws IOException {
        UUID warehouse = webhookWarehouse("http://localhost:" + closedPort() + "/hook");
        long id = notify(warehouse, payload());

        await().atMost(PATIENCE).until(() -> fixtures.queryInt("SELECT attempts FROM outbox WHERE id = ?", id) >= 2);

        assertThat(isDelivered(id)).isFalse();
        assertThat(fixtures.queryInt("SELECT count(*) FROM outbox WHERE id = ? AND last_error IS NOT NULL", id))
                .as("the failure is recorded").isEqualTo(1);
        // A claim leases the row for a minute (shop.outbox.lease); a failure must replace the lease with the back-off
        // (0.2 s doubling here), or the receiver would wait out the whole lease for its next attempt.
        scheduler.pause(JOB);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fixtures.queryInt("SELECT count(*) FROM outbox "
                + "WHERE id = ? AND next_attempt_at > created_at AND next_attempt_at < now() + interval '30 seconds'",
                id)).as("a next attempt is scheduled by the back-off, not by the lease").isEqualTo(1));
    }

    @Test
    void shouldDeliverEachNotificationOnceWhenTwoDeliveryRunsRace() {
        scheduler.pause(JOB);
        UUID warehouse = webhookWarehouse(receiver.url());
        List<String> ids = new ArrayList<>();
        // More than two batches, so that both runs find due rows and must share them.
        int batch = config.outbox().batchSize();
        for (int i = 0; i < 2 * batch + 10; i++) {
            ids.add(Long.toString(notify(warehouse, payload())));
        }

        Callable<Integer> round = delivery::deliverBatch;
        List<Integer> claimed = Race.run(List.of(round, round));
        assertThat(claimed).as("rows each run claimed").containsExactly(batch, batch);
        // Rows other tests left behind may have taken places in those two batches: the job delivers the rest.
        scheduler.resume(JOB);
        await().atMost(PATIENCE).until(() -> fixtures.queryInt(
                "SELECT count(*) FROM outbox WHERE warehouse_id = ? AND delivered_at IS NULL", warehouse) == 0);

        Map<String, Long> requestsPerId = receiver.received().stream()
                .collect(Collectors.groupingBy(Received::eventId, Collectors.counting()));
        assertThat(requestsPerId.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(requestsPerId).allSatisfy((id, requests) -> assertThat(requests).as("requests for %s", id)
                .isEqualTo(1));
        assertThat(fixtures.queryInt("SELECT count(*) FROM outbox WHERE warehouse_id = ? AND attempts <> 1",
                warehouse)).as("rows claimed more than once").isZero();
    }

    @Test
    void shouldBackOffExponentiallyWithBoundedJitterUpToTheMaximum() {
        Duration base = config.outbox().retryBase();
        Duration max = config.outbox().retryMax();
        for (int sample = 0; sample < 200; sample++) {
            assertThat(delivery.backoff(1)).isBetween(base, base.plus(base.dividedBy(5)));
            assertThat(delivery.backoff(2)).isBetween(base.multipliedBy(2), base.multipliedBy(2)
                    .plus(base.multipliedBy(2).dividedBy(5)));
            assertThat(delivery.backoff(4)).isBetween(base.multipliedBy(8), base.multipliedBy(8)
                    .plus(base.multipliedBy(8).dividedBy(5)));
            assertThat(delivery.backoff(60)).isBetween(max, max.plus(max.dividedBy(5)));
        }
    }

    @Test
    void shouldCountUndeliveredNotificationsInTheBacklogGauge() {
        scheduler.pause(JOB);
        double before = metrics.get("shop.outbox.backlog").gauge().value();
        UUID warehouse = webhookWarehouse(receiver.url());
        for (int i = 0; i < 3; i++) {
            // Due in an hour: nothing delivers them while the test looks.
            fixtures.execute("INSERT INTO outbox (warehouse_id, event_type, payload, created_at, next_attempt_at) "
                    + "VALUES (?, 'warehouse-order.created', cast(? as jsonb), now(), now() + interval '1 hour')",
                    warehouse, payload());
        }

        // Nothing is delivered while the job is paused: the three new rows are in the gauge.
        assertThat(metrics.get("shop.outbox.backlog").gauge().value() - before).isGreaterThanOrEqualTo(3);
        scheduler.resume(JOB);
    }

    private UUID webhookWarehouse(String webhookUrl) {
        UUID id = UUID.randomUUID();
        fixtures.execute("INSERT INTO warehouse (id, name, address, webhook_url, webhook_secret, created_at) "
                + "VALUES (?, 'Webhook warehouse', '{\"name\":\"Hook\",\"line1\":\"1 Dock Rd\",\"city\":\"Newark\","
                + "\"region\":\"NJ\",\"postalCode\":\"07101\",\"country\":\"US\"}'::jsonb, ?, ?, now())",
                id, webhookUrl, SECRET);
        warehouses.add(id);
        return id;
    }

    /** An outbox row as the warehouse-order code writes it; returns its id. */
    private long notify(UUID warehouse, UUID subject, String eventType) {
        return fixtures.queryInt("INSERT INTO outbox (warehouse_id, subject, event_type, payload, created_at, "
                + "next_attempt_at) VALUES (?, ?, ?, cast(? as jsonb), now(), now()) RETURNING id",
                warehouse, subject, eventType, "{\"eventType\": \"" + eventType + "\"}");
    }

    private long notify(UUID warehouse, String payload) {
        return fixtures.queryInt("INSERT INTO outbox (warehouse_id, event_type, payload, created_at, next_attempt_at) "
                + "VALUES (?, 'warehouse-order.created', cast(? as jsonb), now(), now()) RETURNING id",
                warehouse, payload);
    }

    private static String payload() {
        return "{\"eventType\": \"warehouse-order.created\", \"marker\": \"" + Fixtures.marker() + "\"}";
    }

    private boolean isDelivered(long id) {
        return fixtures.queryInt("SELECT count(*) FROM outbox WHERE id = ? AND delivered_at IS NOT NULL", id) == 1;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    record Received(String eventId, String eventType, String contentType, String signature, String timestamp,
            byte[] body, Instant at) {
    }

    /** A webhook receiver on a free port that records every request and answers as the test tells it. */
    static final class Receiver {

        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(8);
        private final Queue<Received> received = new ConcurrentLinkedQueue<>();
        private final AtomicInteger requests = new AtomicInteger();
        private volatile IntUnaryOperator status = request -> 200;

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start() throws IOException {
            Receiver receiver = new Receiver(HttpServer.create(new InetSocketAddress("localhost", 0), 0));
            receiver.server.createContext("/hook", receiver::handle);
            receiver.server.setExecutor(receiver.threads);
            receiver.server.start();
            return receiver;
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort() + "/hook";
        }

        /** The status for the n-th request (from 1). */
        void answer(IntUnaryOperator statusForRequest) {
            status = statusForRequest;
        }

        List<Received> received() {
            return List.copyOf(received);
        }

        void stop() {
            server.stop(0);
            threads.shutdownNow();
        }

        private void handle(HttpExchange exchange) throws IOException {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Function<String, String> header = name -> exchange.getRequestHeaders().getFirst(name);
            received.add(new Received(header.apply("X-Event-Id"), header.apply("X-Event-Type"),
                    header.apply("Content-Type"), header.apply(WebhookSignature.HEADER),
                    header.apply(WebhookSignature.TIMESTAMP_HEADER), body, Instant.now()));
            exchange.sendResponseHeaders(status.applyAsInt(requests.incrementAndGet()), -1);
            exchange.close();
        }
    }
}
