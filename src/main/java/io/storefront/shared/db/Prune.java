package io.storefront.shared.db;

import java.util.function.IntSupplier;

import io.quarkus.logging.Log;

/** Deleting old rows in batches, each in a transaction of its own, so that no run holds many locks for long. */
public final class Prune {

    /** Rows one batch deletes at most. */
    public static final int BATCH = 1_000;

    private Prune() {
    }

    /** A scheduled housekeeping run: prunes, logs what it deleted, and never throws (the next run tries again). */
    public static void scheduled(String what, IntSupplier prune) {
        try {
            int deleted = prune.getAsInt();
            if (deleted > 0) {
                Log.infof("Housekeeping deleted %d %s", deleted, what);
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "Housekeeping: deleting %s failed; the next run tries again", what);
        }
    }

    /** Runs {@code batch} (which deletes at most {@link #BATCH} rows) until a batch is not full; returns the total. */
    public static int inBatches(String action, IntSupplier batch) {
        int total = 0;
        int deleted;
        do {
            deleted = Transactions.retrying(action, () -> batch.getAsInt());
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
