package io.storefront.order;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.storefront.cart.CartService;
import io.storefront.checkout.CheckoutService;
import io.storefront.checkout.ReservedLine;
import io.storefront.shared.web.Address;
import io.storefront.shared.error.ApiException;
import io.storefront.shared.error.ErrorCode;
import io.storefront.shared.web.Ids;
import io.storefront.shared.web.Money;
import io.storefront.shared.web.Page;
import io.storefront.shared.web.Paging;
import io.storefront.shared.db.Transactions;
import io.storefront.stock.StockMoves;

/**
 * Orders: submission (idempotent per customer and key), history, and cancellation. Submission changes no stock:
 * the checkout's reservations become the order's.
 */
@ApplicationScoped
public class OrderService {

    /** What an Idempotency-Key may be (README, OpenAPI): a UUID, or any client key of this shape. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_-]{8,100}");

    @Inject
    CheckoutService checkouts;

    @Inject
    CartService carts;

    @Inject
    StockMoves stock;

    @Inject
    PaymentGateway payments;

    @Inject
    OrderRecords records;

    @Inject
    Event<OrderCancelled> cancelled;

    @Inject
    PaymentVoids voids;

    @Inject
    Clock clock;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    /** The outcome of a submission: the order, and whether this request created it (else it is a replay). */
    public record Submitted(OrderView order, boolean created) {
    }

    @RegisterForReflection
    private record ValidSubmission(UUID checkoutId, Address shippingAddress, String method, String token) {
    }

    public Submitted submit(UUID customerId, String idempotencyKey, SubmitOrderRequest request) {
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ApiException.validation("Idempotency-Key",
                    "The Idempotency-Key header is required: 8 to 100 letters, digits, '-' or '_' (a UUID fits)");
        }
        ValidSubmission submission = validate(request);
        String hash = hash(submission);

        var replay = records.idempotencyKey(customerId, idempotencyKey);
        if (replay.isPresent()) {
            return replayOf(replay.get(), hash);
        }
        Money total;
        try {
            total = checkouts.submittableTotal(customerId, submission.checkoutId());
        } catch (ApiException e) {
            // A concurrent request with this key may have completed the checkout a moment ago: replay it.
            var concurrent = records.idempotencyKey(customerId, idempotencyKey);
            if (concurrent.isPresent()) {
                return replayOf(concurrent.get(), hash);
            }
            throw e;
        }

        // Payment happens before the transaction and outside any stock lock (DOMAIN.md: no remote call under locks).
        PaymentGateway.Authorization authorization = payments.authorize(new PaymentGateway.Charge(customerId,
                idempotencyKey, total, submission.method(), submission.token()));
        if (!authorization.approved()) {
            throw new ApiException(ErrorCode.PAYMENT_DECLINED, authorization.declineReason());
        }

        Object outcome;
        try {
            outcome = Transactions.retrying("Order submit", () -> {
                checkouts.lockCustomer(customerId);
                var stored = records.idempotencyKey(customerId, idempotencyKey);
                if (stored.isPresent()) {
                    return stored.get();
                }
                List<ReservedLine> lines = checkouts.completeForOrder(customerId, submission.checkoutId());
                long orderTotal = lines.stream().mapToLong(line -> line.quantity() * line.unitPriceAmount()).sum();
                // As PostgreSQL stores it, so that the answer below equals what a later read returns.
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                CustomerOrder order = CustomerOrder.place(customerId, submission.checkoutId(), orderTotal,
                        total.currency(), records.toJson(submission.shippingAddress()), authorization.reference(), now);
                records.insertOrder(order);
                records.insertLines(order.id, lines);
                carts.removeOrdered(customerId, lines.stream().map(ReservedLine::itemId).toList());
                records.storeIdempotencyKey(customerId, idempotencyKey, hash, order.id, now);
                Log.infof("Order %s placed by customer %s: %d lines, total %d %s", order.id, customerId,
                        lines.size(), orderTotal, order.currency);
                // The answer is what this transaction wrote: a new order has no shipments yet.
                return new OrderView(order.id, OrderStatus.PLACED, lines.stream()
                        .map(line -> new OrderView.Line(line.itemId(), line.quantity(),
                                Money.of(line.unitPriceAmount(), order.currency)))
                        .toList(), Money.of(orderTotal, order.currency), submission.shippingAddress(), now, List.of(),
                        order.paymentReference == null ? null : "AUTHORIZED");
            });
        } catch (RuntimeException e) {
            releaseUnlessPlaced(authorization, e);
            throw e;
        }
        if (outcome instanceof OrderRecords.StoredKey stored) {
            // A concurrent request with this key placed the order (and holds this same authorization).
            return replayOf(stored, hash);
        }
        metrics.counter("shop.orders", "status", OrderStatus.PLACED.name()).increment();
        return new Submitted((OrderView) outcome, true);
    }

    /**
     * Gives a submit's payment authorization back, but only when no order holds it, as seen by a transaction of
     * its own: the submit may have failed after its commit (a lost acknowledgement), or a concurrent request with
     * the same Idempotency-Key (hence the same authorization) may have placed the order. When that cannot be
     * checked (the database is unreachable), the authorization is left for reconciliation with the gateway.
     */
    void releaseUnlessPlaced(PaymentGateway.Authorization authorization, RuntimeException failure) {
        boolean held;
        try {
            held = Transactions.reading(() -> records.holdsPayment(authorization.reference()));
        } catch (RuntimeException e) {
            Log.warnf("Submit failed (%s) and whether an order holds payment authorization %s cannot be checked "
                    + "(%s): it is left for reconciliation", failure, authorization.reference(), e);
            return;
        }
        if (held) {
            Log.warnf("Submit failed (%s) but an order holds payment authorization %s: it is kept", failure,
                    authorization.reference());
            return;
        }
        payments.release(authorization);
    }

    public Page<OrderView> history(UUID customerId, int limit, String cursor) {
        Paging.TimeAndId after = Paging.timeAndId(cursor);
        List<UUID> ids = records.page(customerId, after == null ? null : after.time(), after == null ? null : after.id(), limit + 1);
        List<OrderView> orders = records.views(ids.subList(0, Math.min(limit, ids.size())));
        String next = null;
        if (ids.size() > limit) {
            OrderView last = orders.get(orders.size() - 1);
            next = Paging.cursor(last.createdAt(), last.id());
        }
        return new Page<>(orders, next);
    }

    /** One order; another customer's order is "not found", so that its existence does not leak. */
    public OrderView order(UUID orderId, UUID customerId, boolean admin) {
        CustomerOrder order = CustomerOrder.<CustomerOrder>findByIdOptional(orderId)
                .filter(found -> admin || found.customerId.equals(customerId))
                .orElseThrow(() -> ApiException.notFound("Order " + orderId));
        return records.views(List.of(order.id)).get(0);
    }

    /**
     * Cancels an order that has not shipped: its quantities return to aggregated stock, (through
     * {@link OrderCancelled}) its warehouse orders are cancelled and their stock returned, and its payment
     * authorization is queued to be voided ({@link PaymentVoids}, after the commit), all in one transaction.
     * Cancelling a cancelled order changes nothing.
     */
    public OrderView cancel(UUID orderId, UUID customerId) {
        boolean cancelledNow = Transactions.retrying("Order cancel", () -> {
            CustomerOrder order = CustomerOrder.lock(orderId)
                    .filter(found -> found.customerId.equals(customerId))
                    .orElseThrow(() -> ApiException.notFound("Order " + orderId));
            if (order.isCancelled()) {
                return false;
            }
            OrderStatus previous = order.status;
            Instant now = clock.instant();
            order.cancel(now);
            cancelled.fire(new OrderCancelled(order.id, previous));
            stock.release(records.quantities(order.id));
            if (order.paymentReference != null) {
                voids.schedule(order.id, order.paymentReference, now);
            }
            Log.infof("Order %s cancelled (was %s)", order.id, previous);
            return true;
        });
        if (cancelledNow) {
            metrics.counter("shop.orders", "status", OrderStatus.CANCELLED.name()).increment();
        }
        return records.views(List.of(orderId)).get(0);
    }

    private Submitted replayOf(OrderRecords.StoredKey stored, String hash) {
        if (!stored.requestHash().equals(hash)) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request");
        }
        return new Submitted(records.views(List.of(stored.orderId())).get(0), false);
    }

    private static ValidSubmission validate(SubmitOrderRequest request) {
        if (request == null) {
            throw ApiException.validation("body", "A request body is required");
        }
        UUID checkoutId = Ids.parse("checkoutId", request.checkoutId());
        if (request.shippingAddress() == null) {
            throw ApiException.validation("shippingAddress", "'shippingAddress' is required");
        }
        Address address = request.shippingAddress().validated("shippingAddress");
        SubmitOrderRequest.Payment payment = request.payment();
        if (payment == null || !"card".equals(payment.method())) {
            throw ApiException.validation("payment.method", "'payment.method' must be \"card\"");
        }
        if (payment.token() == null || payment.token().isBlank() || payment.token().length() > 200) {
            throw ApiException.validation("payment.token", "'payment.token' is required");
        }
        return new ValidSubmission(checkoutId, address, payment.method(), payment.token());
    }

    /** A fingerprint of what the request asks for, to tell a replay from a reuse of the key for another body. */
    private String hash(ValidSubmission submission) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(records.toJson(submission).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
