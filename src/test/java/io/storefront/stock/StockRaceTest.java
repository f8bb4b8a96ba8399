package io.storefront.stock;

import static io.storefront.support.Api.putInCart;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;
import io.storefront.support.Race;
import io.storefront.support.RaceHttp;
import io.storefront.support.Tokens;

/** Warehouse reports racing each other and customers for the same stock rows; the audit checks every one. */
@QuarkusTest
class StockRaceTest {

    @Inject
    Fixtures fixtures;

    @AfterEach
    void auditStaysClean() {
        fixtures.auditOwnItems();
    }

    @Test
    void shouldCountEveryReceiptWhenDifferentEventsArriveForOneRowAtOnce() {
        UUID item = fixtures.item("Receipt Race Barrel", 0);
        UUID warehouse = fixtures.warehouse();
        String token = Tokens.warehouse(warehouse);
        List<Callable<Integer>> receipts = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            int quantity = i;
            String eventId = UUID.randomUUID().toString();
            RaceHttp.Call receipt = RaceHttp.report(token, warehouse, item, "receipts", quantity, eventId, null);
            receipts.add(() -> receipt.send().status());
        }

        assertThat(Race.run(receipts)).containsOnly(201);
        assertThat(fixtures.physical(item, warehouse)).isEqualTo(36);
        assertThat(fixtures.available(item, warehouse)).isEqualTo(36);
        assertThat(fixtures.aggregated(item)).isEqualTo(36);
    }

    /** Checkouts and a loss want the last units: whatever wins, nothing is taken twice and nothing goes negative. */
    @Test
    void shouldNeverTakeTheLastUnitsTwiceWhenALossRacesCheckouts() {
        int lossesAccepted = 0;
        int checkoutsAccepted = 0;
        for (int round = 0; round < 5; round++) {
            UUID item = fixtures.item("Loss Race Vase " + round, 5);
            UUID warehouse = fixtures.warehouse();
            String token = Tokens.warehouse(warehouse);
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                UUID customer = UUID.randomUUID();
                putInCart(customer, item, 1).then().statusCode(200);
                RaceHttp.Call checkout = RaceHttp.beginCheckout(customer);
                tasks.add(() -> "checkout " + checkout.send().outcome());
            }
            RaceHttp.Call loss = RaceHttp.report(token, warehouse, item, "losses", 3, UUID.randomUUID().toString(),
                    "Water damage");
            tasks.add(() -> "loss " + loss.send().outcome());

            List<String> outcomes = Race.run(tasks);

            long checkouts = outcomes.stream().filter("checkout 201"::equals).count();
            boolean lost = outcomes.contains("loss 201");
            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isIn("checkout 201",
                    "checkout 409 OUT_OF_STOCK", "loss 201", "loss 409 INSUFFICIENT_STOCK"));
            assertThat(checkouts + (lost ? 3 : 0)).as("units taken of 5: %s", outcomes).isLessThanOrEqualTo(5);
            assertThat(fixtures.aggregated(item)).isEqualTo(5 - (int) checkouts - (lost ? 3 : 0));
            assertThat(fixtures.physical(item, warehouse)).isEqualTo(lost ? 2 : 5);
            lossesAccepted += lost ? 1 : 0;
            checkoutsAccepted += (int) checkouts;
        }
        System.out.printf("Loss against checkouts, 5 rounds: %d losses and %d checkouts accepted%n", lossesAccepted,
                checkoutsAccepted);
    }
}
