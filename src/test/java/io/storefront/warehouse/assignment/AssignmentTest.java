package io.storefront.warehouse.assignment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;
import io.storefront.support.Race;
import io.storefront.support.RaceHttp;
import io.storefront.support.SwitchableAssigner;
import io.storefront.support.Tokens;

@QuarkusTest
class AssignmentTest {

    private static final String WORKER = "order-assignment";

    @Inject
    Fixtures fixtures;

    @Inject
    AssignmentService assignments;

    @Inject
    Scheduler scheduler;

    @Inject
    SwitchableAssigner assigner;

    @AfterEach
    void auditStaysClean() {
        assigner.reset();
        scheduler.resume(WORKER);
        fixtures.auditOwnItems();
    }

    /** Stock moves between planning and applying: the plan is made again from the stock as it is now. */
    @Test
    void shouldPlanAgainWhenTheStockMovedAfterPlanning() {
        scheduler.pause(WORKER);
        UUID newark = fixtures.warehouse("Stale Newark", "Newark", "NJ", 40.73, -74.17);
        UUID dallas = fixtures.warehouse("Stale Dallas", "Dallas", "TX", 32.78, -96.8);
        UUID clock = fixtures.item("Stale Clock", 0);
        fixtures.addStock(clock, newark, 1);
        fixtures.addStock(clock, dallas, 1);
        UUID customer = UUID.randomUUID();
        String orderId = Api.order(customer, Map.of(clock, 1), Api.addressIn("Newark", "NJ"));
        AtomicInteger plans = new AtomicInteger();
        assigner.afterPlanning(request -> {
            if (request.orderId().toString().equals(orderId) && plans.incrementAndGet() == 1) {
                // The nearest warehouse loses its unit after the plan chose it, before the plan is applied.
                Api.loss(newark, clock, 1, UUID.randomUUID().toString()).then().statusCode(201);
            }
        });
        double staleBefore = staleFailures();

        assignUntilAssigned(orderId);

        assertThat(plans).hasValue(2);
        assertThat(fixtures.queryInt("SELECT count(*) FROM warehouse_order WHERE order_id = ?::uuid "
                + "AND warehouse_id = ?", orderId, dallas)).isEqualTo(1);
        assertThat(fixtures.available(clock, newark)).isZero();
        assertThat(fixtures.available(clock, dallas)).isZero();
        assertThat(staleFailures()).as("a plan made again is not a failure").isEqualTo(staleBefore);
    }

    /** Stock keeps moving under every plan: after three plans the order waits and the orders behind it go first. */
    @Test
    void shouldDeferAnOrderWhosePlansKeepGoingStale() {
        scheduler.pause(WORKER);
        UUID newark = fixtures.warehouse("Restless Newark", "Newark", "NJ", 40.73, -74.17);
        UUID dallas = fixtures.warehouse("Restless Dallas", "Dallas", "TX", 32.78, -96.8);
        UUID clock = fixtures.item("Restless Clock", 0);
        fixtures.addStock(clock, newark, 1);
        UUID customer = UUID.randomUUID();
        String orderId = Api.order(customer, Map.of(clock, 1), Api.addressIn("Newark", "NJ"));
        AtomicInteger plans = new AtomicInteger();
        assigner.afterPlanning(request -> {
            if (!request.orderId().toString().equals(orderId)) {
                return;
            }
            plans.incrementAndGet();
            // The unit moves to the other warehouse after each plan chose the one that held it.
            UUID chosen = request.candidates().stream().filter(c -> c.available().getOrDefault(clock, 0) > 0)
                    .findFirst().orElseThrow().warehouseId();
            UUID other = chosen.equals(newark) ? dallas : newark;
            // Not through the receipt endpoint: its wake-up would wait for this very assignment to end.
            fixtures.addStock(clock, other, 1);
            Api.loss(chosen, clock, 1, UUID.randomUUID().toString()).then().statusCode(201);
        });
        double staleBefore = staleFailures();

        assignUntilNothingIsDue();

        assertThat(plans).hasValue(3);
        assertThat(fixtures.queryInt("SELECT count(*) FROM warehouse_order WHERE order_id = ?::uuid", orderId))
                .isZero();
        assertThat(fixtures.queryInt("SELECT count(*) FROM customer_order WHERE id = ?::uuid AND status = 'PLACED' "
                + "AND next_assignment_at > now()", orderId)).isEqualTo(1);
        assertThat(staleFailures()).isEqualTo(staleBefore + 1);
    }

    private void assignUntilAssigned(String orderId) {
        for (int i = 0; i < 100; i++) {
            assignments.assignNext();
            if (fixtures.queryInt("SELECT count(*) FROM customer_order WHERE id = ?::uuid AND status <> 'PLACED'",
                    orderId) == 1) {
                return;
            }
        }
        throw new AssertionError("Order " + orderId + " was not assigned");
    }

    private static double staleFailures() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^shop_assignment_failures_total\\{[^}]*reason=\"stale-plan\"[^}]*\\} (\\S+)$")
                .matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    @Test
    void shouldSplitAnOrderIntoOneWarehouseOrderPerWarehouse() {
        UUID newark = fixtures.warehouse("Split Newark", "Newark", "NJ", 40.73, -74.17);
        UUID dallas = fixtures.warehouse("Split Dallas", "Dallas", "TX", 32.78, -96.8);
        UUID lamp = fixtures.item("Split Lamp", 0);
        UUID desk = fixtures.item("Split Desk", 0);
        fixtures.addStock(lamp, newark, 5);
        fixtures.addStock(desk, dallas, 5);
        UUID customer = UUID.randomUUID();

        String orderId = Api.order(customer, Map.of(lamp, 2, desk, 1));
        List<Map<String, Object>> shipments = Api.awaitShipments(customer, orderId);

        assertThat(shipments).hasSize(2);
        assertThat(shipments).anySatisfy(s -> {
            assertThat(s.get("warehouseId")).isEqualTo(newark.toString());
            assertThat(s.get("lines")).isEqualTo(List.of(Map.of("itemId", lamp.toString(), "quantity", 2)));
        });
        assertThat(shipments).anySatisfy(s -> {
            assertThat(s.get("warehouseId")).isEqualTo(dallas.toString());
            assertThat(s.get("lines")).isEqualTo(List.of(Map.of("itemId", desk.toString(), "quantity", 1)));
        });
        assertThat(fixtures.available(lamp, newark)).isEqualTo(3);
        assertThat(fixtures.available(desk, dallas)).isEqualTo(4);
        assertThat(decisionRule(orderId)).isEqualTo("fewest-warehouses-nearest-first");
    }

    @Test
    void shouldChooseTheNearestWarehouseThatCanServeTheWholeOrder() {
        UUID newark = fixtures.warehouse("Near Newark", "Newark", "NJ", 40.73, -74.17);
        UUID reno = fixtures.warehouse("Near Reno", "Reno", "NV", 39.53, -119.81);
        UUID chair = fixtures.item("Nearest Chair", 0);
        fixtures.addStock(chair, newark, 5);
        fixtures.addStock(chair, reno, 5);

        UUID east = UUID.randomUUID();
        String eastOrder = Api.order(east, Map.of(chair, 2), Api.addressIn("Trenton", "NJ"));
        UUID west = UUID.randomUUID();
        String westOrder = Api.order(west, Map.of(chair, 2), Api.addressIn("Sacramento", "CA"));

        assertThat(Api.awaitShipments(east, eastOrder)).singleElement()
                .satisfies(s -> assertThat(s.get("warehouseId")).isEqualTo(newark.toString()));
        assertThat(Api.awaitShipments(west, westOrder)).singleElement()
                .satisfies(s -> assertThat(s.get("warehouseId")).isEqualTo(reno.toString()));
        assertThat(decisionRule(eastOrder)).isEqualTo("nearest-single-warehouse");
    }

    @Test
    void shouldPreferOneFartherWarehouseOverSplittingBetweenNearerOnes() {
        UUID newark = fixtures.warehouse("Whole Newark", "Newark", "NJ", 40.73, -74.17);
        UUID reno = fixtures.warehouse("Whole Reno", "Reno", "NV", 39.53, -119.81);
        UUID sofa = fixtures.item("Whole Sofa", 0);
        fixtures.addStock(sofa, newark, 1);
        fixtures.addStock(sofa, reno, 5);
        UUID customer = UUID.randomUUID();

        String orderId = Api.order(customer, Map.of(sofa, 3), Api.addressIn("Trenton", "NJ"));

        assertThat(Api.awaitShipments(customer, orderId)).singleElement()
                .satisfies(s -> assertThat(s.get("warehouseId")).isEqualTo(reno.toString()));
    }

    @Test
    void shouldKeepAnUnservableOrderWaitingAndAssignItPromptlyWhenStockArrives() {
        // A strategy that never splits an order (as a smart service might decide): 1 + 1 units in two
        // warehouses cannot serve an order of 2 until one warehouse receives more.
        assigner.neverSplit(true);
        UUID newark = fixtures.warehouse("Wait Newark", "Newark", "NJ", 40.73, -74.17);
        UUID dallas = fixtures.warehouse("Wait Dallas", "Dallas", "TX", 32.78, -96.8);
        UUID bike = fixtures.item("Waiting Bike", 0);
        fixtures.addStock(bike, newark, 1);
        fixtures.addStock(bike, dallas, 1);
        UUID customer = UUID.randomUUID();

        scheduler.pause(WORKER); // driven directly below: the receipt's wake-up is tested, not the worker's tick

        String orderId = Api.order(customer, Map.of(bike, 2));
        assignUntilNothingIsDue();
        assertThat(fixtures.queryInt("SELECT assignment_attempts FROM customer_order WHERE id = ?::uuid", orderId))
                .isEqualTo(1);
        assertThat(decisionRule(orderId)).isEqualTo("waiting-for-stock");
        assertThat(fixtures.queryInt("SELECT count(*) FROM customer_order WHERE id = ?::uuid AND status = 'PLACED' "
                + "AND next_assignment_at > now() + interval '2 seconds'", orderId)).isEqualTo(1);

        Api.receipt(newark, bike, 1, UUID.randomUUID().toString()).then().statusCode(201);

        // The receipt made the order due at once instead of at the end of its back-off.
        assertThat(fixtures.queryInt("SELECT count(*) FROM customer_order WHERE id = ?::uuid AND status = 'PLACED' "
                + "AND next_assignment_at <= now()", orderId)).isEqualTo(1);
        assignUntilAssigned(orderId);
        List<Map<String, Object>> shipments = Api.as(customer).get("/api/v1/orders/{id}", orderId).jsonPath()
                .getList("shipments");
        assertThat(shipments).singleElement()
                .satisfies(s -> assertThat(s.get("warehouseId")).isEqualTo(newark.toString()));
        assertThat(fixtures.available(bike, newark)).isZero();
    }

    /**
     * A receipt that commits while the order is being assigned (after the assignment read the stock, before it
     * put the order back for later) still wakes the order: the wake-up waits for the assignment to let go of it.
     */
    @Test
    void shouldWakeAnOrderThatWasBeingAssignedWhileTheStockArrived() throws Exception {
        scheduler.pause(WORKER);
        // Never split: 1 + 1 units in two warehouses cannot serve an order of 2 until one of them receives more.
        assigner.neverSplit(true);
        UUID newark = fixtures.warehouse("Wake Newark", "Newark", "NJ", 40.73, -74.17);
        UUID dallas = fixtures.warehouse("Wake Dallas", "Dallas", "TX", 32.78, -96.8);
        UUID globe = fixtures.item("Wake Globe", 0);
        fixtures.addStock(globe, newark, 1);
        fixtures.addStock(globe, dallas, 1);
        String orderId = Api.order(UUID.randomUUID(), Map.of(globe, 2), Api.addressIn("Newark", "NJ"));
        RaceHttp.Call receipt = RaceHttp.report(Tokens.warehouse(newark), newark, globe, "receipts", 1,
                UUID.randomUUID().toString(), null);
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Future<RaceHttp.Reply>> sent = new AtomicReference<>();
            assigner.afterPlanning(request -> {
                if (request.orderId().toString().equals(orderId) && sent.get() == null) {
                    // This assignment found no plan; the receipt commits now, before the order is put back.
                    sent.set(background.submit(receipt::send));
                    await().atMost(Duration.ofSeconds(10)).until(() -> fixtures.available(globe, newark) == 2);
                }
            });

            for (int i = 0; i < 1000 && sent.get() == null; i++) {
                assignments.assignNext();
            }
            assertThat(sent.get()).as("the order was planned").isNotNull();
            assertThat(sent.get().get(30, TimeUnit.SECONDS).status()).isEqualTo(201);

            assertThat(fixtures.queryInt("SELECT count(*) FROM customer_order WHERE id = ?::uuid "
                    + "AND status = 'PLACED' AND assignment_attempts = 1 AND next_assignment_at <= now()", orderId))
                    .as("the receipt woke the order that was being put back").isEqualTo(1);
            assignUntilAssigned(orderId);
            assertThat(fixtures.available(globe, newark)).isZero();
        } finally {
            background.shutdownNow();
        }
    }

    private void assignUntilNothingIsDue() {
        for (int i = 0; i < 1000; i++) {
            if (assignments.assignNext() == AssignmentService.Outcome.NOTHING_DUE) {
                return;
            }
        }
        throw new AssertionError("Orders kept coming due");
    }

    @Test
    void shouldNeverAssignAnOrderTwiceWhenWorkersRunAtOnce() {
        scheduler.pause(WORKER);
        UUID newark = fixtures.warehouse("Twice Newark", "Newark", "NJ", 40.73, -74.17);
        UUID dallas = fixtures.warehouse("Twice Dallas", "Dallas", "TX", 32.78, -96.8);
        UUID kettle = fixtures.item("Twice Kettle", 0);
        UUID mug = fixtures.item("Twice Mug", 0);
        fixtures.addStock(kettle, newark, 30);
        fixtures.addStock(mug, dallas, 30);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            orders.add(Api.order(UUID.randomUUID(), Map.of(kettle, 1, mug, 2)));
        }

        List<Callable<Integer>> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            workers.add(() -> {
                int runs = 0;
                while (assignments.assignNext() != AssignmentService.Outcome.NOTHING_DUE) {
                    runs++;
                }
                return runs;
            });
        }
        Race.run(workers);

        // Each order exactly once: one warehouse order per warehouse, and the stock taken once.
        for (String order : orders) {
            assertThat(fixtures.queryInt("SELECT count(*) FROM warehouse_order WHERE order_id = ?::uuid", order))
                    .isEqualTo(2);
        }
        assertThat(fixtures.available(kettle, newark)).isEqualTo(30 - 12);
        assertThat(fixtures.available(mug, dallas)).isEqualTo(30 - 24);
    }

    private String decisionRule(String orderId) {
        return Optional.ofNullable(fixtures.queryText(
                "SELECT assignment_decision->>'rule' FROM customer_order WHERE id = ?::uuid", orderId)).orElse("");
    }
}
