package io.storefront.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.storefront.shared.db.Transactions;

/** The transaction retry counter ({@link Transactions#RETRIES}): how often a deadlock was hidden from a client. */
public final class Retries {

    private Retries() {
    }

    /** Retries counted so far, for one action or (null) all of them. */
    public static double count(MeterRegistry metrics, String action) {
        return metrics.find(Transactions.RETRIES).counters().stream()
                .filter(counter -> action == null || action.equals(counter.getId().getTag("action")))
                .mapToDouble(Counter::count).sum();
    }
}
