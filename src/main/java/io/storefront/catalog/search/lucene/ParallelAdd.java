package io.storefront.catalog.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.storefront.catalog.search.ItemChangeFeed.ItemRow;

/**
 * Adds the rows of a full rebuild on every core: analysis, not reading the database, is what a rebuild spends its
 * time on, and the index writer takes documents from many threads at once. Rows are handed over in batches, at most
 * two per thread in flight, so memory stays bounded however large the catalog.
 */
final class ParallelAdd implements AutoCloseable {

    private static final int BATCH = 1_000;

    private final LuceneCatalog catalog;
    private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final Semaphore inFlight = new Semaphore(threads * 2);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final ExecutorService workers;
    private List<ItemRow> batch = new ArrayList<>(BATCH);

    ParallelAdd(LuceneCatalog catalog) {
        this.catalog = catalog;
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "search-rebuild-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues a row; blocks while the workers are behind. Throws the first failure of a worker. */
    void add(ItemRow row) {
        batch.add(row);
        if (batch.size() == BATCH) {
            submit();
        }
    }

    /** Waits until every row is in the index writer; throws what a worker failed with. */
    void finish() throws IOException {
        submit();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(1, TimeUnit.HOURS)) {
                throw new IOException("Indexing did not finish within an hour");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while indexing", e);
        }
        rethrow();
    }

    private void submit() {
        rethrow();
        List<ItemRow> rows = batch;
        batch = new ArrayList<>(BATCH);
        if (rows.isEmpty()) {
            return;
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        }
        workers.execute(() -> {
            try {
                for (ItemRow row : rows) {
                    catalog.add(row);
                }
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                inFlight.release();
            }
        });
    }

    private void rethrow() {
        Exception e = failure.get();
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e != null) {
            throw new java.io.UncheckedIOException((IOException) e);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
