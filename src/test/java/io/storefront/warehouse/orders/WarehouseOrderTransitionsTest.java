package io.storefront.warehouse.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.storefront.shared.error.ApiException;

/**
 * A warehouse order's life cycle (DOMAIN.md): NEW → ACKNOWLEDGED → SHIPPED, acknowledging optional, and NEW or
 * ACKNOWLEDGED → CANCELLED. A closed warehouse order refuses with a 409 that names its state.
 */
class WarehouseOrderTransitionsTest {

    private static final Instant CREATED = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant LATER = CREATED.plusSeconds(60);
    private static final Instant LATER_STILL = CREATED.plusSeconds(120);

    @Test
    void shouldStartNewAndOpen() {
        UUID orderId = UUID.randomUUID();
        UUID warehouseId = UUID.randomUUID();

        WarehouseOrder order = WarehouseOrder.create(orderId, warehouseId, CREATED);

        assertThat(order.status).isEqualTo(WarehouseOrderStatus.NEW);
        assertThat(order.isOpen()).isTrue();
        assertThat(order.orderId).isEqualTo(orderId);
        assertThat(order.warehouseId).isEqualTo(warehouseId);
        assertThat(order.createdAt).isEqualTo(CREATED);
    }

    @Test
    void shouldAcknowledgeANewOrderAndChangeNothingWhenAcknowledgedAgain() {
        WarehouseOrder order = in(WarehouseOrderStatus.NEW);

        order.acknowledge(LATER);
        order.acknowledge(LATER_STILL);

        assertThat(order.status).isEqualTo(WarehouseOrderStatus.ACKNOWLEDGED);
        assertThat(order.isOpen()).isTrue();
        assertThat(order.updatedAt).isEqualTo(LATER);
    }

    @ParameterizedTest
    @EnumSource(value = WarehouseOrderStatus.class, names = { "NEW", "ACKNOWLEDGED" })
    void shouldShipAnOpenOrderAcknowledgedOrNot(WarehouseOrderStatus status) {
        WarehouseOrder order = in(status);

        order.ship(LATER_STILL);

        assertThat(order.status).isEqualTo(WarehouseOrderStatus.SHIPPED);
        assertThat(order.isOpen()).isFalse();
        assertThat(order.updatedAt).isEqualTo(LATER_STILL);
    }

    @ParameterizedTest
    @EnumSource(value = WarehouseOrderStatus.class, names = { "NEW", "ACKNOWLEDGED" })
    void shouldCancelAnOpenOrder(WarehouseOrderStatus status) {
        WarehouseOrder order = in(status);

        order.cancel(LATER_STILL);

        assertThat(order.status).isEqualTo(WarehouseOrderStatus.CANCELLED);
        assertThat(order.isOpen()).isFalse();
        assertThat(order.updatedAt).isEqualTo(LATER_STILL);
    }

    @Test
    void shouldRefuseToShipCancelOrAcknowledgeACancelledOrder() {
        WarehouseOrder order = in(WarehouseOrderStatus.CANCELLED);

        assertRefused(order, () -> order.ship(LATER_STILL), "WAREHOUSE_ORDER_CANCELLED");
        assertRefused(order, () -> order.cancel(LATER_STILL), "WAREHOUSE_ORDER_CANCELLED");
        assertRefused(order, () -> order.acknowledge(LATER_STILL), "WAREHOUSE_ORDER_CANCELLED");
    }

    @Test
    void shouldRefuseToShipCancelOrAcknowledgeAShippedOrder() {
        WarehouseOrder order = in(WarehouseOrderStatus.SHIPPED);

        // Shipping twice is harmless over HTTP because WarehouseOrderService returns before calling ship().
        assertRefused(order, () -> order.ship(LATER_STILL), "WAREHOUSE_ORDER_SHIPPED");
        assertRefused(order, () -> order.cancel(LATER_STILL), "WAREHOUSE_ORDER_SHIPPED");
        assertRefused(order, () -> order.acknowledge(LATER_STILL), "WAREHOUSE_ORDER_SHIPPED");
    }

    /** A warehouse order brought into {@code status} by the transitions that lead there. */
    private static WarehouseOrder in(WarehouseOrderStatus status) {
        WarehouseOrder order = WarehouseOrder.create(UUID.randomUUID(), UUID.randomUUID(), CREATED);
        switch (status) {
            case NEW -> {
            }
            case ACKNOWLEDGED -> order.acknowledge(LATER);
            case SHIPPED -> order.ship(LATER);
            case CANCELLED -> order.cancel(LATER);
        }
        assertThat(order.status).isEqualTo(status);
        return order;
    }

    private static void assertRefused(WarehouseOrder order, ThrowingCallable transition, String code) {
        WarehouseOrderStatus status = order.status;
        Instant updatedAt = order.updatedAt;

        assertThatThrownBy(transition).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code().name()).isEqualTo(code);
            assertThat(e.getMessage()).contains(status.name());
        });
        assertThat(order.status).isEqualTo(status);
        assertThat(order.updatedAt).isEqualTo(updatedAt);
    }
}
