package io.storefront.order;

import static org.assertj.core.api.Assertions.assertThat;

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
}
