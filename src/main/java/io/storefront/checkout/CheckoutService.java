package io.storefront.checkout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.storefront.cart.CartService;
import io.storefront.cart.CartView;
import io.storefront.shared.error.ApiException;
import io.storefront.shared.error.ErrorCode;
import io.storefront.shared.web.Money;
import io.storefront.shared.ShopConfig;
import io.storefront.shared.db.Sql;
import io.storefront.shared.db.Transactions;
import io.storefront.stock.Reservation;
import io.storefront.stock.StockMoves;

/**
 * Checkouts and their reservations. Beginning a checkout takes aggregated stock for every cart line that still
 * has enough; cancelling or expiring gives exactly that back; completing (order submission) keeps it, because the
 * order now holds it. Locks follow {@link io.storefront.stock.LockOrder}; the reaper claims checkout rows with SKIP
 * LOCKED, so it never waits for a customer's transaction.
 */
@ApplicationScoped
public class CheckoutService {

    @Inject
    CustomerCheckoutGuard guard;

    @Inject
    CartService carts;

    @Inject
    StockMoves stock;

    @Inject
    CheckoutLines lines;

    @Inject
    Sql sql;

    @Inject
    ShopConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    /** The outcome of {@link #begin}: the checkout, and whether this call created it. */
    public record Began(CheckoutView checkout, boolean created) {
    }

    public Began begin(UUID customerId) {
        return Transactions.retrying("Checkout", () -> {
            guard.lockCustomer(customerId);
            Instant now = clock.instant();
            var current = lockActive(customerId);
            if (current.isPresent()) {
                Checkout checkout = current.get();
                if (!checkout.isExpiredAt(now)) {
                    return new Began(view(checkout, lines.of(checkout.id), List.of()), false);
                }
                expire(List.of(checkout.id), now);
            }
            // One query for the lines and their current prices; the stock is re-read under lock by reserve().
            List<CartView.Line> cart = carts.cart(customerId).lines();
            if (cart.isEmpty()) {
                throw ApiException.conflict(ErrorCode.CART_EMPTY, "The cart is empty");
            }
            Map<UUID, Integer> wanted = new LinkedHashMap<>();
            cart.forEach(line -> wanted.put(line.itemId(), line.quantity()));
            Reservation reservation = stock.reserve(wanted);
            List<ReservedLine> reserved = new ArrayList<>();
            List<CheckoutView.Unavailable> unavailable = new ArrayList<>();
            for (CartView.Line line : cart) {
                if (reservation.taken().containsKey(line.itemId())) {
                    reserved.add(new ReservedLine(line.itemId(), line.quantity(), line.unitPrice().amount()));
                } else {
                    unavailable.add(new CheckoutView.Unavailable(line.itemId(), line.quantity(),
                            reservation.availableBefore(line.itemId())));
                }
            }
            if (reserved.isEmpty()) {
                throw ApiException.conflict(ErrorCode.OUT_OF_STOCK, "Nothing in the cart is in stock in the wanted quantity",
                        Map.of("lines", unavailable));
            }
            long total = reserved.stream().mapToLong(line -> line.quantity() * line.unitPriceAmount()).sum();
            Checkout checkout = Checkout.begin(customerId, now, now.plus(config.checkout().reservationTtl()), total,
                    config.currency());
            lines.insert(checkout, reserved);
            Log.debugf("Checkout %s began for customer %s: %d lines reserved, %d unavailable, expires at %s",
                    checkout.id, customerId, reserved.size(), unavailable.size(), checkout.expiresAt);
            return new Began(view(checkout, reserved, unavailable), true);
        });
    }

    /**
     * The customer's ACTIVE checkout row (possibly past its expiry), locked for the rest of the transaction and read
     * by plain SQL: {@link #begin} only reads it, and on the hot path an entity query costs more than the statement.
     */
    private Optional<Checkout> lockActive(UUID customerId) {
        return sql.optional("""
                SELECT id, expires_at, total_amount, currency FROM checkout
                WHERE customer_id = ? AND status = 'ACTIVE' FOR UPDATE""",
                row -> Checkout.of(row.getObject(1, UUID.class), customerId, CheckoutStatus.ACTIVE,
                        row.getObject(2, OffsetDateTime.class).toInstant(), row.getLong(3), row.getString(4)),
                customerId);
    }

    /** The customer's live checkout, or 404. */
    public CheckoutView active(UUID customerId) {
        Instant now = clock.instant();
        return Checkout.<Checkout>find("customerId = ?1 and status = ?2", customerId, CheckoutStatus.ACTIVE)
                .firstResultOptional()
                .filter(checkout -> !checkout.isExpiredAt(now))
                .map(checkout -> view(checkout, lines.of(checkout.id), List.of()))
                .orElseThrow(() -> ApiException.notFound("An active checkout"));
    }

    /** Cancels the customer's checkout and gives back exactly what it reserved. */
    public void cancel(UUID customerId) {
        Transactions.retrying("Checkout cancel", () -> {
            guard.lockCustomer(customerId);
            Instant now = clock.instant();
            Checkout checkout = Checkout.lockActiveOf(customerId).orElseThrow(() -> Checkout.anyOf(customerId)
                    ? ApiException.conflict(ErrorCode.CHECKOUT_NOT_ACTIVE, "There is no active checkout to cancel")
                    : ApiException.notFound("An active checkout"));
            if (checkout.isExpiredAt(now)) {
                // Already over; release it as expired, which is what the reaper would do a moment later.
                expire(List.of(checkout.id), now);
                return;
            }
            checkout.cancel(now);
            stock.release(lines.quantities(List.of(checkout.id)));
            Log.infof("Checkout %s cancelled by customer %s", checkout.id, customerId);
        });
    }

    /**
     * Completes a live checkout of this customer for an order, inside the caller's transaction (the customer lock
     * must be held): the reservations stay taken and now belong to the order.
     *
     * @return the reserved lines the order is made of
     */
    public List<ReservedLine> completeForOrder(UUID customerId, UUID checkoutId) {
        Instant now = clock.instant();
        // One conditional statement on the row (it waits for a concurrent cancel or expiry and sees its outcome);
        // only when it changes nothing is the row read, to say why.
        int completed = sql.update("UPDATE checkout SET status = 'COMPLETED', closed_at = ? WHERE id = ? AND customer_id = ? AND "
                + Checkout.LIVE, now, checkoutId, customerId, now);
        if (completed == 0) {
            Checkout checkout = Checkout.lock(checkoutId)
                    .filter(found -> found.customerId.equals(customerId))
                    .orElseThrow(() -> ApiException.notFound("Checkout " + checkoutId));
            checkout.requireLive(now);
            throw new IllegalStateException("Checkout " + checkoutId + " is live but was not completed");
        }
        Log.debugf("Checkout %s completed", checkoutId);
        return lines.of(checkoutId);
    }

    /** Checks, without locking, that a checkout could be submitted now, and returns its total for payment. */
    public Money submittableTotal(UUID customerId, UUID checkoutId) {
        Checkout checkout = sql.optional("""
                SELECT status, expires_at, total_amount, currency FROM checkout WHERE id = ? AND customer_id = ?""",
                row -> Checkout.of(checkoutId, customerId, CheckoutStatus.valueOf(row.getString(1)),
                        row.getObject(2, OffsetDateTime.class).toInstant(), row.getLong(3), row.getString(4)),
                checkoutId, customerId)
                .orElseThrow(() -> ApiException.notFound("Checkout " + checkoutId));
        checkout.requireLive(clock.instant());
        return Money.of(checkout.totalAmount, checkout.currency);
    }

    public void lockCustomer(UUID customerId) {
        guard.lockCustomer(customerId);
    }

    /**
     * Releases up to one batch of expired checkouts in its own transaction, skipping rows other replicas are
     * working on, and records the release lag once that has committed (a retried transaction counts once).
     *
     * @return how many were released
     */
    int releaseExpired() {
        List<Duration> lags = Transactions.retrying("Checkout expiry", this::releaseExpiredBatch);
        Timer lag = Timer.builder("shop.checkout.release.lag")
                .description("Time from a checkout's expiresAt to the release of its stock")
                .register(metrics);
        lags.forEach(lag::record);
        return lags.size();
    }

    /** @return the lag of each released checkout behind its expiry */
    private List<Duration> releaseExpiredBatch() {
        Instant now = clock.instant();
        Map<UUID, Instant> due = sql.map("SELECT id, expires_at FROM checkout WHERE " + Checkout.DUE_FOR_EXPIRY
                + " ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED", row -> row.getObject(1, UUID.class),
                row -> row.getObject(2, OffsetDateTime.class).toInstant(), now, config.checkout().reaperBatchSize());
        if (due.isEmpty()) {
            return List.of();
        }
        expire(List.copyOf(due.keySet()), now);
        return due.values().stream().map(expiresAt -> Duration.between(expiresAt, now).abs()).toList();
    }

    /**
     * Marks locked, expired checkouts EXPIRED and gives their reservations back, set-wise: the one way a checkout
     * expires (the reaper's batches, and a customer who comes back to a checkout whose time is up).
     */
    private void expire(List<UUID> checkoutIds, Instant now) {
        sql.update("UPDATE checkout SET status = 'EXPIRED', closed_at = ? WHERE id = ANY (?) AND status = 'ACTIVE'",
                now, Sql.array("uuid", checkoutIds));
        Map<UUID, Integer> released = lines.quantities(checkoutIds);
        stock.release(released);
        Log.infof("Released %d expired checkout(s), %d units back in stock", checkoutIds.size(),
                released.values().stream().mapToInt(Integer::intValue).sum());
    }

    private static CheckoutView view(Checkout checkout, List<ReservedLine> reserved,
            List<CheckoutView.Unavailable> unavailable) {
        return new CheckoutView(checkout.id, checkout.status, checkout.expiresAt,
                reserved.stream().map(line -> new CheckoutView.Reserved(line.itemId(), line.quantity())).toList(),
                unavailable, Money.of(checkout.totalAmount, checkout.currency));
    }
}
