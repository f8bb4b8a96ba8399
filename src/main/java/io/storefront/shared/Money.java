package io.storefront.shared;

/** An amount in minor units (cents) and an ISO 4217 currency, as on the wire. */
public record Money(Long amount, String currency) {

    public static Money of(long amount, String currency) {
        return new Money(amount, currency);
    }
}
