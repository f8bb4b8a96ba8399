package io.storefront.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;
import io.storefront.support.RecordingPaymentGateway;

/** A failed submit gives its payment back only when no order holds it. */
@QuarkusTest
class OrderPaymentTest {

    @Inject
    Fixtures fixtures;

    @Inject
    OrderService orders;

    @Inject
    RecordingPaymentGateway payments;

    @Test
    void shouldKeepTheAuthorizationOfAPlacedOrderWhenTheSubmitFailsAfterItsCommit() {
        UUID item = fixtures.item("Paid Teapot", 2);
        UUID customer = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String checkoutId = Api.checkout(customer, Map.of(item, 1));
        Api.submit(customer, key, checkoutId, "tok_visa").then().statusCode(201);
        String reference = payments.referenceOf(customer, key);

        // What the submit's error path does when the commit went through but its acknowledgement was lost.
        orders.releaseUnlessPlaced(new PaymentGateway.Authorization(true, reference, null),
                new IllegalStateException("connection reset while committing"));

        assertThat(payments.released(reference)).as("the placed order's authorization is released").isFalse();
        fixtures.auditOwnItems();
    }

    @Test
    void shouldReleaseTheAuthorizationOfASubmitThatPlacedNoOrder() {
        String reference = payments.referenceOf(UUID.randomUUID(), UUID.randomUUID().toString());

        orders.releaseUnlessPlaced(new PaymentGateway.Authorization(true, reference, null),
                new IllegalStateException("checkout expired"));

        assertThat(payments.released(reference)).isTrue();
    }

    @Test
    void shouldVoidACancelledOrdersPaymentAfterTheCancelUntilTheGatewayTakesIt() {
        UUID item = fixtures.item("Voided Teapot", 2);
        UUID customer = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String checkoutId = Api.checkout(customer, Map.of(item, 1));
        String orderId = Api.submit(customer, key, checkoutId, "tok_visa").then().statusCode(201)
                .body("paymentStatus", equalTo("AUTHORIZED")).extract().path("id");
        String reference = payments.referenceOf(customer, key);
        payments.failReleasesOf(reference, 2);

        Api.as(customer).post("/api/v1/orders/{id}/cancel", orderId).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("paymentStatus", oneOf("VOID_PENDING", "VOIDED"));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> Api.as(customer)
                .get("/api/v1/orders/{id}", orderId).then().body("paymentStatus", equalTo("VOIDED")));
        assertThat(payments.released(reference)).isTrue();
        assertThat(fixtures.queryInt("SELECT attempts FROM payment_void WHERE order_id = ?::uuid", orderId))
                .as("two failed attempts, then the one that worked").isEqualTo(3);
        assertThat(fixtures.aggregated(item)).isEqualTo(2);
        fixtures.auditOwnItems();
    }
}
