package io.storefront.checkout;

import static io.storefront.support.Api.putInCart;
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
import io.quarkus.test.junit.QuarkusTest;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;
import io.storefront.support.Race;
import io.storefront.support.RaceHttp;

/** Races on one customer's checkout, on real threads against the real database; the audit checks every one. */
@QuarkusTest
class CheckoutRaceTest {

    private static final String REAPER = "expired-checkout-reaper";

    @Inject
    Fixtures fixtures;

    @Inject
    Scheduler scheduler;

    @Inject
    CheckoutService checkouts;

    @AfterEach
    void auditStaysClean() {
        scheduler.resume(REAPER);
        fixtures.auditOwnItems();
    }

    @Test
    void shouldBeginOneCheckoutWhenACustomerAsksTwiceAtOnce() {
        UUID item = fixtures.item("Twice Lamp", 10);
        List<UUID> customers = new ArrayList<>();
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UUID customer = UUID.randomUUID();
            putInCart(customer, item, 1).then().statusCode(200);
            customers.add(customer);
            RaceHttp.Call begin = RaceHttp.beginCheckout(customer);
            for (int twice = 0; twice < 2; twice++) {
                tasks.add(() -> {
                    RaceHttp.Reply reply = begin.send();
                    return reply.status() + " " + reply.path("id");
                });
            }
        }

        List<String> outcomes = Race.run(tasks);

        for (int i = 0; i < outcomes.size(); i += 2) {
            String first = outcomes.get(i);
            String second = outcomes.get(i + 1);
            assertThat(List.of(first.substring(0, 3), second.substring(0, 3))).as(first + " / " + second)
                    .containsExactlyInAnyOrder("201", "200");
            assertThat(first.substring(4)).as("the same checkout").isEqualTo(second.substring(4));
        }
        assertThat(fixtures.aggregated(item)).as("one unit reserved per customer").isEqualTo(10 - customers.size());
    }

    /** The cart as it was when the checkout began is what it reserves: a change is either before, or refused. */
    @Test
    void shouldReserveTheCartEitherBeforeOrAfterAConcurrentChange() {
        UUID item = fixtures.item("Cart Race Kettle", 100);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID customer = UUID.randomUUID();
            putInCart(customer, item, 1).then().statusCode(200);
            RaceHttp.Call begin = RaceHttp.beginCheckout(customer);
            RaceHttp.Call change = RaceHttp.putInCart(customer, item, 3);
            tasks.add(() -> {
                RaceHttp.Reply reply = begin.send();
                return "checkout " + reply.status() + " "
                        + reply.body().path("reserved").path(0).path("quantity").asText(null);
            });
            tasks.add(() -> {
                RaceHttp.Reply reply = change.send();
                return "cart " + reply.status() + " " + reply.code();
            });
        }

        List<String> outcomes = Race.run(tasks);

        int reserved = 0;
        for (int i = 0; i < outcomes.size(); i += 2) {
            String pair = outcomes.get(i) + " / " + outcomes.get(i + 1);
            assertThat(pair).isIn("checkout 201 3 / cart 200 null", "checkout 201 1 / cart 409 CHECKOUT_ACTIVE");
            reserved += pair.startsWith("checkout 201 3") ? 3 : 1;
        }
        assertThat(fixtures.aggregated(item)).isEqualTo(100 - reserved);
    }

    @Test
    void shouldReleaseEachExpiredCheckoutOnceWhenTwoReapersRun() {
        scheduler.pause(REAPER);
        UUID item = fixtures.item("Two Reapers Rope", 200);
        for (int i = 0; i < 40; i++) {
            expire(Api.checkout(UUID.randomUUID(), Map.of(item, 2)));
        }
        assertThat(fixtures.aggregated(item)).isEqualTo(120);

        List<Callable<Integer>> reapers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            reapers.add(() -> {
                int released = 0;
                for (int batch; (batch = checkouts.releaseExpired()) > 0;) {
                    released += batch;
                }
                return released;
            });
        }

        List<Integer> released = Race.run(reapers);

        assertThat(fixtures.aggregated(item)).isEqualTo(200);
        assertThat(released.get(0) + released.get(1)).as("released by both reapers together")
                .isGreaterThanOrEqualTo(40);
        assertThat(fixtures.queryInt("SELECT count(*) FROM checkout c JOIN checkout_line l ON l.checkout_id = c.id "
                + "WHERE l.item_id = ? AND c.status = 'EXPIRED'", item)).isEqualTo(40);
    }

    @Test
    void shouldReleaseOnceWhenTheReaperAndTheCustomerEndACheckoutAtOnce() {
        scheduler.pause(REAPER);
        UUID item = fixtures.item("Reaper Race Tent", 100);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID customer = UUID.randomUUID();
            expire(Api.checkout(customer, Map.of(item, 3)));
            RaceHttp.Call cancel = RaceHttp.cancelCheckout(customer);
            tasks.add(() -> cancel.send().outcome());
        }
        tasks.add(() -> "reaper " + checkouts.releaseExpired());

        List<String> outcomes = Race.run(tasks);

        // The customer either expired it itself (204) or found it expired by the reaper (409).
        assertThat(outcomes.subList(0, 20)).allSatisfy(outcome -> assertThat(outcome)
                .isIn("204", "409 CHECKOUT_NOT_ACTIVE"));
        assertThat(fixtures.aggregated(item)).isEqualTo(100);
    }

    private void expire(String checkoutId) {
        fixtures.execute("UPDATE checkout SET expires_at = now() - interval '1 second' WHERE id = ?::uuid", checkoutId);
    }
}
