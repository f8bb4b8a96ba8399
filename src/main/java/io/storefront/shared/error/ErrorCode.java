package io.storefront.shared.error;

/**
 * Every {@code code} a problem+json response can carry, with its HTTP status. docs/ERRORS.md lists them for
 * clients (ErrorCodesTest keeps the two equal, and checks them against the codes API.md names).
 */
public enum ErrorCode {

    VALIDATION_FAILED(400),
    UNAUTHORIZED(401),
    PAYMENT_DECLINED(402),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    OUT_OF_STOCK(409),
    CART_EMPTY(409),
    CART_FULL(409),
    CHECKOUT_ACTIVE(409),
    CHECKOUT_EXPIRED(409),
    CHECKOUT_NOT_ACTIVE(409),
    ORDER_NOT_CANCELLABLE(409),
    WAREHOUSE_ORDER_CANCELLED(409),
    WAREHOUSE_ORDER_SHIPPED(409),
    INSUFFICIENT_STOCK(409),
    EVENT_ID_REUSED(409),
    SEARCH_INDEX_OFF(409),
    UNSUPPORTED_MEDIA_TYPE(415),
    IDEMPOTENCY_KEY_REUSED(422),
    /** Any other 4xx the HTTP layer answers (the response carries that status). */
    REQUEST_FAILED(400),
    INTERNAL_ERROR(500),
    /** The database cannot be reached right now (an outage, a failover): try again shortly. */
    SERVICE_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
