package io.storefront.catalog.search.lucene;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * How many Lucene searches run at once on this replica; the others wait their turn, first come first served.
 * <p>
 * A search is pure CPU (the index is in the page cache). Run all at once, sixteen searches on two cores share the
 * CPU: each takes eight times its own time, and an expensive query eight times its already long one. Run a few at
 * a time, a search waits for those before it and then runs at full speed: its answer time is the queue ahead plus
 * its own time. The default is two per core:
 * with one per core, a core stays idle whenever a search thread is descheduled for the HTTP threads, the database
 * driver or the collector (measured in docs/PERFORMANCE.md: one per core, two per core, and no limit).
 */
final class QuerySlots {

    /** Two searches per core the JVM sees (the container's CPU limit, rounded up). */
    static final int DEFAULT = 2 * Runtime.getRuntime().availableProcessors();

    /** Work on the index that may fail reading its files. */
    @FunctionalInterface
    interface IndexWork<T> {
        T run() throws IOException;
    }

    private final int size;
    private final Semaphore slots;

    QuerySlots(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("shop.search.query-threads must be at least 1, was " + size);
        }
        this.size = size;
        this.slots = new Semaphore(size, true);
    }

    /** Runs the work when a slot is free (at once, or after the searches that came before it). */
    <T> T run(IndexWork<T> work) throws IOException {
        // Not interruptible: a wait lasts a few searches' time, and the caller has no better answer to give.
        slots.acquireUninterruptibly();
        try {
            return work.run();
        } finally {
            slots.release();
        }
    }

    int size() {
        return size;
    }

    /** Searches waiting for a slot now (an estimate, for the metric). */
    int waiting() {
        return slots.getQueueLength();
    }
}
