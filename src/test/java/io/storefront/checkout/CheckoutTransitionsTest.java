package io.storefront.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import io.storefront.shared.error.ApiException;

/**
 * A checkout's life cycle (DOMAIN.md): ACTIVE → COMPLETED | CANCELLED | EXPIRED, exactly one of them, and a checkout
 * past its expiry is refused as expired even before the reaper has marked it. The EXPIRED transition itself is
 * set-based SQL in {@link CheckoutService} (tested with the database in CheckoutExpiryTest).
 */
class CheckoutTransitionsTest {

    private static final Instant BEGAN = Instant.parse("2026-11-28T10:00:00.123456Z");
    private static final Duration TTL = Duration.ofMinutes(15);
    private static final Instant EXPIRES = BEGAN.plus(TTL);
    private static final Instant BEFORE_EXPIRY = EXPIRES.minusNanos(1_000);
    private static final Instant AFTER_EXPIRY = EXPIRES.plusSeconds(1);

    @Test
    void shouldBeginActiveWithItsTimesAsTheDatabaseStoresThem() {
        Checkout checkout = Checkout.begin(UUID.randomUUID(), BEGAN.plusNanos(789), EXPIRES.plusNanos(789), 4_200,
                "USD");

        assertThat(checkout.status).isEqualTo(CheckoutStatus.ACTIVE);
        assertThat(checkout.id).isNotNull();
        assertThat(checkout.createdAt).isEqualTo(BEGAN);
        assertThat(checkout.expiresAt).isEqualTo(EXPIRES);
        assertThat(checkout.closedAt).isNull();
    }

    @Test
    void shouldBeExpiredFromItsExpiryInstantOn() {
        Checkout checkout = active();

        assertThat(checkout.isExpiredAt(BEFORE_EXPIRY)).isFalse();
        assertThat(checkout.isExpiredAt(EXPIRES)).isTrue();
        assertThat(checkout.isExpiredAt(AFTER_EXPIRY)).isTrue();
    }

    @Test
    void shouldCompleteALiveCheckout() {
        Checkout checkout = active();

        checkout.complete(BEFORE_EXPIRY);

        assertThat(checkout.status).isEqualTo(CheckoutStatus.COMPLETED);
        assertThat(checkout.closedAt).isEqualTo(BEFORE_EXPIRY);
    }

    @Test
    void shouldCancelALiveCheckout() {
        Checkout checkout = active();

        checkout.cancel(BEFORE_EXPIRY);

        assertThat(checkout.status).isEqualTo(CheckoutStatus.CANCELLED);
        assertThat(checkout.closedAt).isEqualTo(BEFORE_EXPIRY);
    }

    @Test
    void shouldRefuseToSubmitOrCancelACheckoutPastItsExpiryEvenBeforeTheReaperRan() {
        Checkout checkout = active();

        assertConflict(() -> checkout.requireLive(EXPIRES), "CHECKOUT_EXPIRED");
        assertConflict(() -> checkout.complete(EXPIRES), "CHECKOUT_EXPIRED");
        assertConflict(() -> checkout.cancel(AFTER_EXPIRY), "CHECKOUT_EXPIRED");
        assertUnchanged(checkout, CheckoutStatus.ACTIVE, null);
    }

    @Test
    void shouldConsiderOnlyAnActiveCheckoutBeforeItsExpiryLive() {
        Checkout checkout = active();

        checkout.requireLive(BEFORE_EXPIRY);

        assertThat(checkout.status).isEqualTo(CheckoutStatus.ACTIVE);
    }

    @Test
    void shouldLetNothingFollowACompletion() {
        Checkout checkout = active();
        checkout.complete(BEGAN);

        assertConflict(() -> checkout.complete(BEFORE_EXPIRY), "CHECKOUT_NOT_ACTIVE");
        assertConflict(() -> checkout.cancel(BEFORE_EXPIRY), "CHECKOUT_NOT_ACTIVE");
        assertConflict(() -> checkout.requireLive(BEFORE_EXPIRY), "CHECKOUT_NOT_ACTIVE");
        assertUnchanged(checkout, CheckoutStatus.COMPLETED, BEGAN);
    }

    @Test
    void shouldLetNothingFollowACancellation() {
        Checkout checkout = active();
        checkout.cancel(BEGAN);

        assertConflict(() -> checkout.cancel(BEFORE_EXPIRY), "CHECKOUT_NOT_ACTIVE");
        assertConflict(() -> checkout.complete(BEFORE_EXPIRY), "CHECKOUT_NOT_ACTIVE");
        assertUnchanged(checkout, CheckoutStatus.CANCELLED, BEGAN);
    }

    @Test
    void shouldLetNothingFollowAnExpiry() {
        // Expiry is set-based SQL in CheckoutService (the reaper's batches); a row it marked loads like this.
        Checkout checkout = active();
        checkout.status = CheckoutStatus.EXPIRED;
        checkout.closedAt = EXPIRES;

        // Still "expired" to the customer, whatever time the caller's clock says.
        assertConflict(() -> checkout.complete(BEFORE_EXPIRY), "CHECKOUT_EXPIRED");
        assertConflict(() -> checkout.cancel(AFTER_EXPIRY), "CHECKOUT_EXPIRED");
        assertUnchanged(checkout, CheckoutStatus.EXPIRED, EXPIRES);
    }

    private static Checkout active() {
        return Checkout.begin(UUID.randomUUID(), BEGAN, EXPIRES, 4_200, "USD");
    }

    private static void assertConflict(ThrowingCallable transition, String code) {
        assertThatThrownBy(transition).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code().name()).isEqualTo(code);
        });
    }

    private static void assertUnchanged(Checkout checkout, CheckoutStatus status, Instant closedAt) {
        assertThat(checkout.status).isEqualTo(status);
        assertThat(checkout.closedAt).isEqualTo(closedAt);
    }
}
