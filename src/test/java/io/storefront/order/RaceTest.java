package io.storefront.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;
import io.storefront.support.Race;
import io.storefront.support.RaceHttp;
import io.storefront.support.RecordingPaymentGateway;
import io.storefront.support.Retries;

/** Contended paths with one defined winner, on real threads against the real database. */
@QuarkusTest
class RaceTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Scheduler scheduler;

    @Inject
    MeterRegistry metrics;

    @Inject
    RecordingPaymentGateway payments;

    @AfterEach
    void auditStaysClean() {
        scheduler.resume("expired-checkout-reaper");
        fixtures.auditOwnItems();
    }

    @Test
    void shouldReserveExactlyTheStockWhenFiftyCustomersCheckOutAtOnce() {
        UUID item = fixtures.item("Race Console", 10);
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UUID customer = UUID.randomUUID();
            Api.putInCart(customer, item, 1).then().statusCode(200);
            customers.add(customer);
        }

        List<String> outcomes = Race.run(customers.stream().map(RaceHttp::beginCheckout)
                .<Callable<String>>map(checkout -> () -> checkout.send().outcome()).toList());

        assertThat(outcomes).filteredOn("201"::equals).hasSize(10);
        assertThat(outcomes).filteredOn("409 OUT_OF_STOCK"::equals).hasSize(40);
        assertThat(fixtures.aggregated(item)).isZero();
    }

    @Test
    void shouldNotDeadlockWhenCheckoutsTakeItemsInOppositeOrders() {
        UUID x = fixtures.item("Race X", 1000);
        UUID y = fixtures.item("Race Y", 1000);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID customer = UUID.randomUUID();
            // Cart order differs; the service must still lock in one order.
            if (i % 2 == 0) {
                Api.putInCart(customer, x, 1);
                Api.putInCart(customer, y, 1);
            } else {
                Api.putInCart(customer, y, 1);
                Api.putInCart(customer, x, 1);
            }
            RaceHttp.Call begin = RaceHttp.beginCheckout(customer);
            RaceHttp.Call cancel = RaceHttp.cancelCheckout(customer);
            tasks.add(() -> {
                int begun = begin.send().status();
                int cancelled = cancel.send().status();
                int again = begin.send().status();
                return begun == 201 && cancelled == 204 && again == 201 ? 1 : 0;
            });
        }

        double retriesBefore = Retries.count(metrics, null);

        assertThat(Race.run(tasks)).containsOnly(1);
        assertThat(fixtures.aggregated(x)).isEqualTo(1000 - 30);
        assertThat(fixtures.aggregated(y)).isEqualTo(1000 - 30);
        // Transactions.retrying hides a deadlock from the client (it runs the transaction again); the lock order
        // means there was none to hide.
        assertThat(Retries.count(metrics, null)).as("transactions retried after a deadlock")
                .isEqualTo(retriesBefore);
    }

    /**
     * Submit and cancel of one checkout at once: exactly one wins, with the loser told why. Rounds of 15 pairs run
     * until each side has won at least once (at most 8 rounds), so that both orders of events are really exercised.
     */
    @Test
    void shouldLetEitherSubmitOrCancelWinButNotBoth() {
        UUID item = fixtures.item("Race Drone", 1000);
        Map<String, Integer> wins = new java.util.TreeMap<>(Map.of("submit", 0, "cancel", 0));
        int orders = 0;
        int authorizedLosers = 0;
        for (int round = 0; round < 8 && (wins.get("submit") == 0 || wins.get("cancel") == 0); round++) {
            List<Callable<String>> tasks = new ArrayList<>();
            List<String> references = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                UUID customer = UUID.randomUUID();
                String checkoutId = Api.checkout(customer, Map.of(item, 2));
                String key = UUID.randomUUID().toString();
                references.add(payments.referenceOf(customer, key));
                RaceHttp.Call submit = RaceHttp.submit(customer, key, checkoutId, "tok_visa");
                RaceHttp.Call cancel = RaceHttp.cancelCheckout(customer);
                tasks.add(() -> "submit:" + submit.send().outcome());
                tasks.add(() -> "cancel:" + cancel.send().outcome());
            }

            List<String> results = Race.run(tasks);

            for (int i = 0; i < results.size(); i += 2) {
                String pair = results.get(i) + " " + results.get(i + 1);
                assertThat(pair).as("one winner per customer")
                        .isIn("submit:201 cancel:409 CHECKOUT_NOT_ACTIVE", "submit:409 CHECKOUT_NOT_ACTIVE cancel:204");
                wins.merge(pair.startsWith("submit:201") ? "submit" : "cancel", 1, Integer::sum);
                String reference = references.get(i / 2);
                if (pair.startsWith("submit:201")) {
                    assertThat(payments.released(reference)).as("the placed order's payment is kept").isFalse();
                } else if (payments.authorized(reference)) {
                    // The losing submit got past its first check and was authorized before the cancel won.
                    assertThat(payments.released(reference)).as("the losing submit's payment is given back").isTrue();
                    authorizedLosers++;
                }
            }
            orders = wins.get("submit");
        }
        System.out.printf("Submit against cancel, pairs won: %s; losing submits that had been authorized: %d%n",
                wins, authorizedLosers);
        assertThat(wins).as("each side won at least once").allSatisfy((side, won) -> assertThat(won).isPositive());
        assertThat(fixtures.aggregated(item)).isEqualTo(1000 - 2 * orders);
    }


    @Test
    void shouldLetExpiryWinOverALateSubmit() {
        scheduler.pause("expired-checkout-reaper");
        UUID item = fixtures.item("Race Lantern", 100);
        List<UUID> customers = new ArrayList<>();
        List<String> checkouts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID customer = UUID.randomUUID();
            customers.add(customer);
            checkouts.add(Api.checkout(customer, Map.of(item, 3)));
        }
        // Their time is up (the reaper is paused, so nothing has released them yet).
        for (String checkoutId : checkouts) {
            fixtures.execute("UPDATE checkout SET expires_at = now() - interval '1 millisecond' WHERE id = ?::uuid",
                    checkoutId);
        }

        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            UUID customer = customers.get(i);
            String checkoutId = checkouts.get(i);
            RaceHttp.Call submit = RaceHttp.submit(customer, UUID.randomUUID().toString(), checkoutId, "tok_visa");
            tasks.add(() -> submit.send().outcome());
        }
        tasks.add(() -> {
            scheduler.resume("expired-checkout-reaper");
            return "reaper resumed";
        });
        List<String> outcomes = Race.run(tasks);

        // Whether the reaper has marked it or not, a checkout past its time is expired to the customer.
        assertThat(outcomes.subList(0, customers.size())).containsOnly("409 CHECKOUT_EXPIRED");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(fixtures.aggregated(item)).isEqualTo(100));
    }

    @Test
    void shouldReturnStockOnceWhenAnOrderIsCancelledTwiceAtOnce() {
        UUID item = fixtures.item("Race Guitar", 50);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID customer = UUID.randomUUID();
            String orderId = Api.order(customer, Map.of(item, 2));
            RaceHttp.Call cancel = RaceHttp.cancelOrder(customer, orderId);
            for (int twice = 0; twice < 2; twice++) {
                tasks.add(() -> {
                    RaceHttp.Reply reply = cancel.send();
                    return reply.status() + " " + reply.path("status");
                });
            }
        }
        assertThat(fixtures.aggregated(item)).isEqualTo(30);

        // Both calls answer with the cancelled order; only one of them gave the stock back.
        assertThat(Race.run(tasks)).containsOnly("200 CANCELLED");
        assertThat(fixtures.aggregated(item)).isEqualTo(50);
    }

    /**
     * Orders split over two warehouses, cancelled all at once: every cancel returns both warehouses' stock rows, which
     * all the cancels share. Taken in one sorted move, they queue; taken warehouse order by warehouse order, two
     * cancels could lock them in opposite orders and deadlock (which a retry would hide: so no retry may happen).
     */
    @Test
    void shouldCancelSplitOrdersAtOnceWithoutADeadlock() {
        UUID newark = fixtures.warehouse("Split Race Newark", "Newark", "NJ", 40.73, -74.17);
        UUID dallas = fixtures.warehouse("Split Race Dallas", "Dallas", "TX", 32.78, -96.8);
        UUID lamp = fixtures.item("Split Race Lamp", 0);
        UUID desk = fixtures.item("Split Race Desk", 0);
        fixtures.addStock(lamp, newark, 100);
        fixtures.addStock(desk, dallas, 100);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            UUID customer = UUID.randomUUID();
            String orderId = Api.order(customer, Map.of(lamp, 1, desk, 1));
            assertThat(Api.awaitShipments(customer, orderId)).hasSize(2);
            RaceHttp.Call cancel = RaceHttp.cancelOrder(customer, orderId);
            tasks.add(() -> cancel.send().outcome());
        }
        double retriesBefore = Retries.count(metrics, null);

        assertThat(Race.run(tasks)).containsOnly("200");

        assertThat(Retries.count(metrics, null)).as("transactions retried after a deadlock").isEqualTo(retriesBefore);
        assertThat(fixtures.available(lamp, newark)).isEqualTo(100);
        assertThat(fixtures.available(desk, dallas)).isEqualTo(100);
        assertThat(fixtures.aggregated(lamp)).isEqualTo(100);
        assertThat(fixtures.aggregated(desk)).isEqualTo(100);
    }

    @Test
    void shouldPlaceOneOrderWhenTheSameKeyArrivesTwiceAtOnce() {
        UUID item = fixtures.item("Race Camera", 100);
        List<Callable<String>> tasks = new ArrayList<>();
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID customer = UUID.randomUUID();
            customers.add(customer);
            String checkoutId = Api.checkout(customer, Map.of(item, 1));
            String key = UUID.randomUUID().toString();
            RaceHttp.Call submit = RaceHttp.submit(customer, key, checkoutId, "tok_visa");
            for (int twice = 0; twice < 2; twice++) {
                tasks.add(() -> {
                    RaceHttp.Reply reply = submit.send();
                    return reply.status() + ":" + reply.path("id");
                });
            }
        }

        List<String> results = Race.run(tasks);

        for (int i = 0; i < results.size(); i += 2) {
            String first = results.get(i);
            String second = results.get(i + 1);
            assertThat(first.substring(4)).as(first + " / " + second).isEqualTo(second.substring(4));
            assertThat(List.of(first.substring(0, 3), second.substring(0, 3))).containsExactlyInAnyOrder("201", "200");
        }
        for (UUID customer : customers) {
            assertThat(fixtures.queryInt("SELECT count(*) FROM customer_order WHERE customer_id = ?", customer))
                    .isEqualTo(1);
        }
    }
}
