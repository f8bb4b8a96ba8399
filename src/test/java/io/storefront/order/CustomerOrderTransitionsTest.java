package io.storefront.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.storefront.shared.error.ApiException;

/**
 * An order's life cycle (DOMAIN.md): PLACED → ASSIGNED → PARTIALLY_SHIPPED → SHIPPED, and PLACED or ASSIGNED →
 * CANCELLED. Every state is reached through the transitions themselves, as in production.
 */
class CustomerOrderTransitionsTest {

    private static final Instant PLACED_AT = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant LATER = PLACED_AT.plusSeconds(60);
    private static final Instant LATER_STILL = PLACED_AT.plusSeconds(120);

    @Test
    void shouldBePlacedAndDueForAssignmentAtOnce() {
        CustomerOrder order = placed();

        assertThat(order.status).isEqualTo(OrderStatus.PLACED);
        assertThat(order.nextAssignmentAt).isEqualTo(PLACED_AT);
        assertThat(order.assignmentAttempts).isZero();
        assertThat(order.isCancelled()).isFalse();
    }

    @Test
    void shouldAssignAPlacedOrderRecordingTheDecision() {
        CustomerOrder order = placed();

        order.assign("{\"rule\":\"nearest-single-warehouse\"}", LATER);

        assertThat(order.status).isEqualTo(OrderStatus.ASSIGNED);
        assertThat(order.assignmentDecision).isEqualTo("{\"rule\":\"nearest-single-warehouse\"}");
        assertThat(order.assignmentAttempts).isEqualTo(1);
        assertThat(order.nextAssignmentAt).as("no longer due for assignment").isNull();
        assertThat(order.updatedAt).isEqualTo(LATER);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = "PLACED", mode = EnumSource.Mode.EXCLUDE)
    void shouldRefuseToAssignAnOrderThatIsNotPlaced(OrderStatus status) {
        CustomerOrder order = in(status);

        assertThatThrownBy(() -> order.assign("{}", LATER_STILL)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(status.name());
        assertThat(order.status).isEqualTo(status);
    }

    @Test
    void shouldKeepAnOrderNoWarehouseCanServePlacedUntilItsRetry() {
        CustomerOrder order = placed();
        Instant retryAt = LATER.plusSeconds(5);

        order.deferAssignment("{\"rule\":\"waiting-for-stock\"}", retryAt, LATER);

        assertThat(order.status).isEqualTo(OrderStatus.PLACED);
        assertThat(order.nextAssignmentAt).isEqualTo(retryAt);
        assertThat(order.assignmentAttempts).isEqualTo(1);
        assertThat(order.assignmentDecision).isEqualTo("{\"rule\":\"waiting-for-stock\"}");

        order.assign("{\"rule\":\"nearest-single-warehouse\"}", LATER_STILL);

        assertThat(order.status).isEqualTo(OrderStatus.ASSIGNED);
        assertThat(order.assignmentAttempts).isEqualTo(2);
    }

    @Test
    void shouldBePartiallyShippedUntilTheLastShipmentGoes() {
        CustomerOrder order = in(OrderStatus.ASSIGNED);

        order.shipmentSent(false, LATER);
        assertThat(order.status).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        order.shipmentSent(false, LATER);
        assertThat(order.status).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        order.shipmentSent(true, LATER_STILL);

        assertThat(order.status).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.updatedAt).isEqualTo(LATER_STILL);
    }

    @Test
    void shouldBeShippedAtOnceWhenItsOnlyShipmentGoes() {
        CustomerOrder order = in(OrderStatus.ASSIGNED);

        order.shipmentSent(true, LATER_STILL);

        assertThat(order.status).isEqualTo(OrderStatus.SHIPPED);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = { "PLACED", "SHIPPED", "CANCELLED" })
    void shouldRefuseAShipmentOfAnOrderThatIsNotAssigned(OrderStatus status) {
        CustomerOrder order = in(status);

        assertThatThrownBy(() -> order.shipmentSent(true, LATER_STILL)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(status.name());
        assertThat(order.status).isEqualTo(status);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = { "PLACED", "ASSIGNED" })
    void shouldCancelAnOrderBeforeAnythingHasShipped(OrderStatus status) {
        CustomerOrder order = in(status);

        order.cancel(LATER_STILL);

        assertThat(order.status).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.isCancelled()).isTrue();
        assertThat(order.updatedAt).isEqualTo(LATER_STILL);
    }

    @ParameterizedTest
    @EnumSource(value = OrderStatus.class, names = { "PARTIALLY_SHIPPED", "SHIPPED", "CANCELLED" })
    void shouldRefuseToCancelAnOrderOnceAnythingHasShippedOrItIsCancelled(OrderStatus status) {
        CustomerOrder order = in(status);
        Instant updatedAt = order.updatedAt;

        // Cancelling a cancelled order is harmless over HTTP because OrderService asks isCancelled() first.
        assertThatThrownBy(() -> order.cancel(LATER_STILL)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code().name()).isEqualTo("ORDER_NOT_CANCELLABLE");
        });
        assertThat(order.status).isEqualTo(status);
        assertThat(order.updatedAt).isEqualTo(updatedAt);
    }

    private static CustomerOrder placed() {
        return CustomerOrder.place(UUID.randomUUID(), UUID.randomUUID(), 4_200, "USD", "{}", "pay-1", PLACED_AT);
    }

    /** An order brought into {@code status} by the transitions that lead there. */
    private static CustomerOrder in(OrderStatus status) {
        CustomerOrder order = placed();
        switch (status) {
            case PLACED -> {
            }
            case ASSIGNED -> order.assign("{}", LATER);
            case PARTIALLY_SHIPPED -> {
                order.assign("{}", LATER);
                order.shipmentSent(false, LATER);
            }
            case SHIPPED -> {
                order.assign("{}", LATER);
                order.shipmentSent(true, LATER);
            }
            case CANCELLED -> order.cancel(LATER);
        }
        assertThat(order.status).isEqualTo(status);
        return order;
    }
}
