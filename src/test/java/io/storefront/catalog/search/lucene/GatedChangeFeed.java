package io.storefront.catalog.search.lucene;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.storefront.catalog.search.ItemChangeFeed;

/**
 * The real change feed, except that a full read of the catalog waits at a gate the test opens: the window in which
 * an index is being built, held open for as long as a test needs to look at it. Enabled only by
 * {@link SearchIndexLifecycleTest}'s profile.
 */
@Alternative
@ApplicationScoped
public class GatedChangeFeed extends ItemChangeFeed {

    private static volatile CountDownLatch gate = new CountDownLatch(1);
    static final AtomicInteger FULL_READS = new AtomicInteger();

    static void close() {
        gate = new CountDownLatch(1);
    }

    static void open() {
        gate.countDown();
    }

    @Override
    public Watermark readAll(Consumer<ItemRow> sink) throws SQLException {
        FULL_READS.incrementAndGet();
        try {
            if (!gate.await(60, TimeUnit.SECONDS)) {
                throw new SQLException("The test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(e);
        }
        return super.readAll(sink);
    }
}
