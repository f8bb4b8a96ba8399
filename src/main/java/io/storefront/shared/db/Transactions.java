package io.storefront.shared.db;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Metrics;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs one business action in its own transaction and runs it again if PostgreSQL aborted it to break a deadlock
 * or a serialization conflict: locks are taken in a fixed order, so this is rare, but DOMAIN.md asks that a client
 * never sees it.
 */
public final class Transactions {

    private static final int ATTEMPTS = 5;

    /**
     * Counter of transactions run again, by action and SQLSTATE: with the lock order kept it stays at zero, so any
     * growth is a lock-order bug worth a look (tests assert it; docs/CONFIGURATION.md lists it).
     */
    public static final String RETRIES = "shop.transaction.retries";

    private Transactions() {
    }

    /**
     * Runs a read outside any request's transaction (a gauge, a health check, the audit) in a transaction of its
     * own; reads take no row locks, so there is nothing to retry.
     */
    public static <T> T reading(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    /** {@link #retrying(String, Supplier)} for an action with no result. */
    public static void retrying(String action, Runnable work) {
        retrying(action, () -> {
            work.run();
            return Boolean.TRUE;
        });
    }

    public static <T> T retrying(String action, Supplier<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work::get);
            } catch (RuntimeException e) {
                String state = transientState(e);
                if (attempt >= ATTEMPTS || state == null) {
                    throw e;
                }
                Metrics.counter(RETRIES, "action", action, "sqlstate", state).increment();
                Log.warnf("%s lost a deadlock or serialization conflict, retrying (attempt %d)", action, attempt + 1);
                sleepBriefly(attempt);
            }
        }
    }

    /** A deadlock or serialization failure, which running the transaction again resolves. */
    public static boolean isTransient(Throwable e) {
        return transientState(e) != null;
    }

    /** The SQLSTATE of a deadlock (40P01) or serialization failure (40001) behind an exception, else null. */
    private static String transientState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ("40P01".equals(state) || "40001".equals(state)) {
                    return state;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static void sleepBriefly(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
