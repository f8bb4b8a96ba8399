package io.storefront.support;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.storefront.order.PaymentGateway;
import io.storefront.order.TestPaymentGateway;

/** The built-in test gateway, remembering which authorizations were released, so that tests can check them. */
@Alternative
@Priority(1)
@ApplicationScoped
public class RecordingPaymentGateway implements PaymentGateway {

    private final TestPaymentGateway gateway = new TestPaymentGateway();
    private final Set<String> authorized = ConcurrentHashMap.newKeySet();
    private final Set<String> released = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    @Override
    public Authorization authorize(Charge charge) {
        Authorization authorization = gateway.authorize(charge);
        if (authorization.approved()) {
            authorized.add(authorization.reference());
        }
        return authorization;
    }

    /** Whether the service asked the gateway for this authorization (and got it). */
    public boolean authorized(String reference) {
        return authorized.contains(reference);
    }

    @Override
    public void release(Authorization authorization) {
        AtomicInteger failing = failures.get(authorization.reference());
        if (failing != null && failing.getAndDecrement() > 0) {
            throw new IllegalStateException("Payment gateway unavailable (test)");
        }
        released.add(authorization.reference());
        gateway.release(authorization);
    }

    /** The next {@code times} releases of this reference fail, as with a gateway that is down. */
    public void failReleasesOf(String reference, int times) {
        failures.put(reference, new AtomicInteger(times));
    }

    public boolean released(String reference) {
        return released.contains(reference);
    }

    /** The reference the built-in gateway gives a charge of this customer with this Idempotency-Key. */
    public String referenceOf(java.util.UUID customer, String idempotencyKey) {
        return gateway.authorize(new Charge(customer, idempotencyKey, null, "card", "tok_visa")).reference();
    }
}
