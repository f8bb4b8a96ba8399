package io.storefront.checkout;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.storefront.shared.error.ApiException;
import io.storefront.shared.error.ErrorCode;

/**
 * A checkout: the reservations of one customer's cart, alive until {@link #expiresAt}. Exactly one of complete,
 * cancel and expire wins; callers lock the row first, and each transition refuses a checkout that is not ACTIVE.
 * Its reserved lines live in {@code checkout_line}.
 */
@Entity
@Table(name = "checkout")
public class Checkout extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    @Enumerated(EnumType.STRING)
    public CheckoutStatus status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "total_amount")
    public long totalAmount;

    public String currency;

    /**
     * SQL condition on {@code checkout} rows, with one parameter (now): the checkout still holds its reservation
     * and can be completed or cancelled. The same rule as {@link #requireLive} and {@link #isExpiredAt}.
     */
    static final String LIVE = "status = 'ACTIVE' AND expires_at > ?";

    /**
     * SQL condition on {@code checkout} rows, with one parameter (now): the checkout's time is up but its
     * reservation has not been released yet; {@link CheckoutService} expires such rows, and nothing else does.
     */
    static final String DUE_FOR_EXPIRY = "status = 'ACTIVE' AND expires_at <= ?";

    static Checkout begin(UUID customerId, Instant now, Instant expiresAt, long totalAmount, String currency) {
        Checkout checkout = new Checkout();
        checkout.id = UUID.randomUUID();
        checkout.customerId = customerId;
        checkout.status = CheckoutStatus.ACTIVE;
        // Stored as PostgreSQL stores it (microseconds), whatever clock the caller used.
        checkout.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        checkout.expiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS);
        checkout.totalAmount = totalAmount;
        checkout.currency = currency;
        return checkout;
    }

    /** A checkout as read by plain SQL (not managed: changing it changes nothing). */
    static Checkout of(UUID id, UUID customerId, CheckoutStatus status, Instant expiresAt, long totalAmount,
            String currency) {
        Checkout checkout = new Checkout();
        checkout.id = id;
        checkout.customerId = customerId;
        checkout.status = status;
        checkout.expiresAt = expiresAt;
        checkout.totalAmount = totalAmount;
        checkout.currency = currency;
        return checkout;
    }

    /** The customer's ACTIVE checkout row (possibly past its expiry), locked for the rest of the transaction. */
    static Optional<Checkout> lockActiveOf(UUID customerId) {
        return find("customerId = ?1 and status = ?2", customerId, CheckoutStatus.ACTIVE)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    static Optional<Checkout> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Whether the customer ever had a checkout: one row at most, found through {@code checkout_customer_idx}. */
    static boolean anyOf(UUID customerId) {
        return find("customerId", customerId).firstResultOptional().isPresent();
    }

    boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    void complete(Instant now) {
        requireLive(now);
        close(CheckoutStatus.COMPLETED, now);
    }

    void cancel(Instant now) {
        requireLive(now);
        close(CheckoutStatus.CANCELLED, now);
    }

    /** Refuses, with the API's 409, anything but a live checkout. */
    void requireLive(Instant now) {
        if (status == CheckoutStatus.EXPIRED || (status == CheckoutStatus.ACTIVE && isExpiredAt(now))) {
            throw ApiException.conflict(ErrorCode.CHECKOUT_EXPIRED, "Checkout " + id + " expired at " + expiresAt);
        }
        if (status != CheckoutStatus.ACTIVE) {
            throw ApiException.conflict(ErrorCode.CHECKOUT_NOT_ACTIVE, "Checkout " + id + " is " + status);
        }
    }

    private void close(CheckoutStatus to, Instant now) {
        status = to;
        closedAt = now;
    }
}
