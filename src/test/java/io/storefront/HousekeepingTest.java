package io.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storefront.checkout.CheckoutHousekeeping;
import io.storefront.order.OrderHousekeeping;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;
import io.storefront.warehouse.notify.OutboxHousekeeping;

/** Old rows are deleted after their retention (docs/CONFIGURATION.md), newer ones and those still needed stay. */
@QuarkusTest
class HousekeepingTest {

    @Inject
    Fixtures fixtures;

    @Inject
    CheckoutHousekeeping checkouts;

    @Inject
    OrderHousekeeping orders;

    @Inject
    OutboxHousekeeping outbox;

    @Test
    void shouldDeleteClosedCheckoutsAfterTheirRetentionButKeepCompletedOnes() {
        UUID item = fixtures.item("Housekeeping Stool", 10);
        UUID cancelledLongAgo = UUID.randomUUID();
        UUID cancelledRecently = UUID.randomUUID();
        UUID completedLongAgo = UUID.randomUUID();
        String oldCancelled = Api.checkout(cancelledLongAgo, Map.of(item, 1));
        Api.as(cancelledLongAgo).delete("/api/v1/checkout").then().statusCode(204);
        String newCancelled = Api.checkout(cancelledRecently, Map.of(item, 1));
        Api.as(cancelledRecently).delete("/api/v1/checkout").then().statusCode(204);
        String orderId = Api.order(completedLongAgo, Map.of(item, 1));
        fixtures.execute("UPDATE checkout SET closed_at = now() - interval '31 days' WHERE id = ?::uuid", oldCancelled);
        fixtures.execute("UPDATE checkout SET closed_at = now() - interval '31 days' WHERE customer_id = ?",
                completedLongAgo);

        assertThat(checkouts.prune()).isGreaterThanOrEqualTo(1);

        assertThat(fixtures.queryInt("SELECT count(*) FROM checkout WHERE id = ?::uuid", oldCancelled)).isZero();
        assertThat(fixtures.queryInt("SELECT count(*) FROM checkout_line WHERE checkout_id = ?::uuid", oldCancelled))
                .isZero();
        assertThat(fixtures.queryInt("SELECT count(*) FROM checkout WHERE id = ?::uuid", newCancelled)).isOne();
        assertThat(fixtures.queryInt("SELECT count(*) FROM checkout WHERE customer_id = ?", completedLongAgo))
                .as("the completed checkout of order %s", orderId).isOne();
        assertThat(fixtures.aggregated(item)).isEqualTo(9);
        fixtures.auditOwnItems();
    }

    @Test
    void shouldDeleteIdempotencyKeysAfterTheirRetention() {
        UUID item = fixtures.item("Housekeeping Bench", 5);
        UUID oldCustomer = UUID.randomUUID();
        UUID newCustomer = UUID.randomUUID();
        Api.order(oldCustomer, Map.of(item, 1));
        Api.order(newCustomer, Map.of(item, 1));
        fixtures.execute("UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE customer_id = ?",
                oldCustomer);

        assertThat(orders.prune()).isGreaterThanOrEqualTo(1);

        assertThat(fixtures.queryInt("SELECT count(*) FROM idempotency_key WHERE customer_id = ?", oldCustomer))
                .isZero();
        assertThat(fixtures.queryInt("SELECT count(*) FROM idempotency_key WHERE customer_id = ?", newCustomer))
                .isOne();
        fixtures.auditOwnItems();
    }

    @Test
    void shouldDeleteDeliveredNotificationsAfterTheirRetentionButKeepUndeliveredOnes() {
        UUID warehouse = fixtures.warehouse("Housekeeping DC", "Dallas", "TX", 32.78, -96.8);
        int oldDelivered = outboxRow(warehouse, "now() - interval '8 days'");
        int newDelivered = outboxRow(warehouse, "now() - interval '1 day'");
        int undelivered = outboxRow(warehouse, "NULL");
        // Undelivered rows are retried by the delivery job; this one's warehouse has no webhook, so keep it still.
        fixtures.execute("UPDATE outbox SET created_at = now() - interval '30 days', "
                + "next_attempt_at = now() + interval '1 day' WHERE id = ?", undelivered);

        assertThat(outbox.prune()).isGreaterThanOrEqualTo(1);

        assertThat(fixtures.queryInt("SELECT count(*) FROM outbox WHERE id = ?", oldDelivered)).isZero();
        assertThat(fixtures.queryInt("SELECT count(*) FROM outbox WHERE id = ?", newDelivered)).isOne();
        assertThat(fixtures.queryInt("SELECT count(*) FROM outbox WHERE id = ?", undelivered)).isOne();
        fixtures.execute("DELETE FROM outbox WHERE id IN (?, ?)", newDelivered, undelivered);
    }

    private int outboxRow(UUID warehouse, String deliveredAt) {
        return fixtures.queryInt("INSERT INTO outbox (warehouse_id, event_type, payload, created_at, next_attempt_at, "
                + "delivered_at) VALUES (?, 'warehouse-order.created', '{}'::jsonb, now() - interval '9 days', "
                + "now() - interval '9 days', " + deliveredAt + ") RETURNING id", warehouse);
    }
}
