package io.storefront.shared.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An amount in minor units (cents) and an ISO 4217 currency, as on the wire. */
@RegisterForReflection
public record Money(Long amount, String currency) {

    public static Money of(long amount, String currency) {
        return new Money(amount, currency);
    }
}
