package io.storefront.order;

import java.util.UUID;

import io.storefront.shared.web.Money;

/**
 * Takes payment for an order. Called outside any transaction that holds stock rows. Implementations must be
 * idempotent per {@code idempotencyKey}: a retried submission must not charge twice.
 */
public interface PaymentGateway {

    Authorization authorize(Charge charge);

    /**
     * Gives an authorization back: the order it was for could not be placed, or was cancelled. Must be idempotent
     * per reference: a cancelled order's void is retried until it succeeds and may arrive twice.
     */
    void release(Authorization authorization);

    record Charge(UUID customerId, String idempotencyKey, Money amount, String method, String token) {
    }

    record Authorization(boolean approved, String reference, String declineReason) {
    }
}
