package io.storefront.catalog.search.lucene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.NIOFSDirectory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.storefront.catalog.search.ItemChangeFeed;
import io.storefront.catalog.search.ItemChangeFeed.ItemRow;
import io.storefront.catalog.search.ItemChangeFeed.Watermark;
import io.storefront.shared.ShopConfig;

/**
 * This replica's Lucene index of the catalog, and the one thread that writes it.
 *
 * <p>At start the index in {@code shop.search.index-dir} is opened and caught up from the change feed, from the
 * watermark committed inside it; an index that is missing, unreadable, of another layout or of another database is
 * built from scratch in the background. Until the index is current, {@link #serving()} is false and searches are
 * answered by PostgreSQL. Then, every {@code shop.search.refresh-interval}, the changes committed since the
 * watermark are applied and made searchable; every {@code shop.search.commit-interval} they are committed with the
 * new watermark, so a restart re-applies at most that much.
 *
 * <p>All writes (open, catch-up, rebuild, commit, close) run on the single {@code search-indexer} thread, so they
 * never interleave; searches run on request threads against the last refreshed view.
 */
@ApplicationScoped
public class CatalogIndex {

    /** The index's life: what {@link #state()} reports in health and metrics. */
    public enum State {
        /** shop.search.engine is postgres: no index on this replica */
        OFF,
        /** opening the index and catching up after a restart */
        STARTING,
        /** building the index from the database; PostgreSQL answers meanwhile */
        BUILDING,
        /** current: Lucene answers */
        READY,
        /** could not open or build; PostgreSQL answers, retried with backoff */
        FAILED
    }

    static final int BATCH = 1_000;
    private static final Duration RETRY_FIRST = Duration.ofSeconds(2);
    private static final Duration RETRY_MAX = Duration.ofMinutes(1);
    private static final String EPOCH = "epoch";
    private static final String LAYOUT = "layout";
    private static final String WATERMARK_XID = "watermark.xid";
    private static final String WATERMARK_SEQ = "watermark.seq";
    private static final String APPLIED_SEQ = "applied.seq";

    @Inject
    ShopConfig config;

    @Inject
    ItemChangeFeed feed;

    @Inject
    MeterRegistry registry;

    private ScheduledExecutorService indexer;
    private Counter rebuilds;
    private Counter errors;

    // Written by the indexer thread only; read by request threads.
    private volatile State state = State.OFF;
    private volatile boolean rebuilding;
    private volatile LuceneCatalog catalog;
    private volatile int documents;
    private volatile long appliedSeq;
    private volatile long currentAtNanos;
    private volatile String problem;
    private volatile boolean stopping;
    private final long startedAtNanos = System.nanoTime();

    // Indexer thread only.
    private Directory directory;
    private String epoch;
    private Watermark watermark;
    private long committedAtNanos = System.nanoTime();
    private Duration retry = RETRY_FIRST;
    private final AtomicBoolean rebuildRequested = new AtomicBoolean();

    void onStart(@Observes StartupEvent event) {
        if (config.search().engine() != ShopConfig.Search.Engine.LUCENE) {
            Log.info("Search engine: postgres (shop.search.engine); no search index on this replica");
            return;
        }
        rebuilds = registry.counter("shop.search.index.rebuilds");
        errors = registry.counter("shop.search.index.errors");
        Gauge.builder("shop.search.index.documents", this, index -> index.documents)
                .description("Items in this replica's search index").register(registry);
        Gauge.builder("shop.search.index.size", this, CatalogIndex::sizeBytes).baseUnit("bytes")
                .description("Size of this replica's search index on disk").register(registry);
        Gauge.builder("shop.search.index.applied.sequence", this, index -> index.appliedSeq)
                .description("Highest item change sequence applied to the index").register(registry);
        Gauge.builder("shop.search.index.lag", this, index -> index.lag().toMillis() / 1000.0).baseUnit("seconds")
                .description("How long ago the index was last known to hold every committed catalog change")
                .register(registry);
        Gauge.builder("shop.search.index.serving", this, index -> index.serving() ? 1 : 0)
                .description("1 while the index answers searches, 0 while PostgreSQL does").register(registry);
        state = State.STARTING;
        indexer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "search-indexer");
            thread.setDaemon(true);
            return thread;
        });
        indexer.execute(this::start);
        long every = config.search().refreshInterval().toMillis();
        indexer.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (indexer == null) {
            return;
        }
        stopping = true; // a rebuild in progress stops at its next item; the last commit stays
        try {
            indexer.submit(() -> close(true)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            Log.warn("Search index was not closed cleanly; it catches up from its last commit at the next start", e);
        }
        indexer.shutdownNow();
    }

    /** True while the index is current and answers searches. */
    public boolean serving() {
        return state == State.READY;
    }

    public State state() {
        return state;
    }

    /** True while a rebuild runs (the previous index, if there was one, keeps answering meanwhile). */
    public boolean rebuilding() {
        return rebuilding;
    }

    public int documents() {
        return documents;
    }

    public long appliedSequence() {
        return appliedSeq;
    }

    /** The last failure, for operators; null when all is well. */
    public String problem() {
        return problem;
    }

    /** How long ago the index was last known to hold every committed change (zero when it is off). */
    public Duration lag() {
        if (state == State.OFF) {
            return Duration.ZERO;
        }
        long at = currentAtNanos == 0 ? startedAtNanos : currentAtNanos;
        return Duration.ofNanos(System.nanoTime() - at);
    }

    public String directoryName() {
        return config.search().indexDir();
    }

    LuceneCatalog catalog() {
        return catalog;
    }

    /**
     * Rebuilds the index from the database on the indexer thread. A current index keeps answering until the new
     * one is complete; then both swap in one refresh.
     */
    public void rebuild() {
        if (indexer == null) {
            throw new IllegalStateException("The search index is off (shop.search.engine=postgres)");
        }
        if (rebuildRequested.compareAndSet(false, true)) {
            indexer.execute(() -> {
                rebuildRequested.set(false);
                if (catalog == null) {
                    start();
                } else {
                    try {
                        rebuildFromDatabase("rebuild asked for");
                        state = State.READY;
                        problem = null;
                    } catch (IOException | SQLException | RuntimeException e) {
                        fail("rebuild", e);
                    }
                }
            });
        }
    }

    /** A query failed on the index (a corrupt file, say): PostgreSQL answers while it is rebuilt. */
    public void failed(RuntimeException cause) {
        errors.increment();
        problem = "query failed: " + cause;
        if (state == State.READY) {
            state = State.BUILDING;
        }
        rebuild();
    }

    /**
     * Waits until the index is current and has applied every change committed before this call: what a test (or an
     * operator's script) uses to read its own writes without waiting a refresh interval.
     */
    public void awaitCurrent(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state != State.READY) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Search index still " + state + " after " + timeout);
            }
            Thread.sleep(10);
        }
        try {
            indexer.submit(this::poll).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** What a test does to the index directory while the index is closed for {@link #restart}. */
    @FunctionalInterface
    interface WhileClosed {
        void run(Path directory) throws IOException;
    }

    /**
     * Closes the index as a shutdown does, runs {@code whileClosed} on its directory, and opens it again as a start
     * does (in the background, like a start): how tests restart a replica's index without restarting the service.
     */
    void restart(WhileClosed whileClosed) throws InterruptedException, ExecutionException, TimeoutException {
        indexer.submit(() -> {
            close(true);
            state = State.STARTING;
            if (directory != null) {
                directory.close();
                directory = null;
            }
            whileClosed.run(Path.of(config.search().indexDir()).toAbsolutePath());
            return null;
        }).get(30, TimeUnit.SECONDS);
        indexer.execute(this::start);
    }

    // ------------------------------------------------------------------ indexer thread

    private void start() {
        if (catalog != null) {
            return; // a retry after a failure and a rebuild request were both queued: the first one opened it
        }
        Path path = Path.of(config.search().indexDir()).toAbsolutePath();
        try {
            if (directory == null) {
                Files.createDirectories(path);
                directory = open(path);
            }
            epoch = feed.epoch();
            try {
                catalog = LuceneCatalog.open(directory, config.search().indexingBufferMb(), false);
            } catch (LockObtainFailedException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                Log.warnf("Search index in %s cannot be read (%s); building a new one from the database", path, e);
                // Even a writer that creates a new index reads the old commit first: the files must go.
                for (String file : directory.listAll()) {
                    directory.deleteFile(file);
                }
                catalog = LuceneCatalog.open(directory, config.search().indexingBufferMb(), true);
            }
            String unusable = unusable(catalog.commitData());
            if (unusable != null) {
                state = State.BUILDING;
                rebuildFromDatabase(unusable);
            } else {
                Map<String, String> data = catalog.commitData();
                watermark = new Watermark(Long.parseLong(data.get(WATERMARK_XID)), Long.parseLong(data.get(WATERMARK_SEQ)));
                appliedSeq = Long.parseLong(data.getOrDefault(APPLIED_SEQ, "0"));
                long started = System.nanoTime();
                int applied = catchUp();
                catalog.refresh();
                documents = catalog.documents();
                Log.infof("Search index in %s opened: %d items, %d changes caught up in %d ms", path, documents, applied,
                        (System.nanoTime() - started) / 1_000_000);
            }
            state = State.READY;
            problem = null;
            retry = RETRY_FIRST;
        } catch (LockObtainFailedException e) {
            Log.errorf("Search index directory %s is in use by another process: every replica needs a directory of "
                    + "its own (SHOP_SEARCH_INDEX_DIR). PostgreSQL answers searches; trying again in %s", path, retry);
            fail("start", e);
        } catch (IOException | SQLException | RuntimeException e) {
            fail("start", e);
        }
    }

    /** Why the committed index cannot be caught up, or null when it can. */
    private String unusable(Map<String, String> data) throws SQLException {
        if (data.isEmpty() || !data.containsKey(WATERMARK_XID)) {
            return "is empty";
        }
        if (!ItemDocuments.LAYOUT.equals(data.get(LAYOUT))) {
            return "has layout " + data.get(LAYOUT) + ", this version writes " + ItemDocuments.LAYOUT;
        }
        if (!epoch.equals(data.get(EPOCH))) {
            return "was built from another database (epoch " + data.get(EPOCH) + ", this one is " + epoch + ")";
        }
        if (Long.parseLong(data.get(WATERMARK_XID)) >= feed.nextXid()) {
            return "is ahead of this database (restored from a backup?)";
        }
        return null;
    }

    private void rebuildFromDatabase(String reason) throws IOException, SQLException {
        Log.infof("Search index %s: building it from the database%s", reason,
                serving() ? " (the current index answers meanwhile)" : " (PostgreSQL answers searches meanwhile)");
        rebuilding = true;
        try {
            long started = System.nanoTime();
            catalog.deleteAll();
            long[] counts = new long[2];
            try (ParallelAdd adder = new ParallelAdd(catalog)) {
                watermark = feed.readAll(item -> {
                    if (stopping) {
                        throw new java.util.concurrent.CancellationException("the service is stopping");
                    }
                    adder.add(item);
                    counts[1] = Math.max(counts[1], item.seq());
                    if (++counts[0] % 100_000 == 0) {
                        Log.infof("Search index: %d items indexed so far", counts[0]);
                    }
                });
                adder.finish();
            }
            appliedSeq = Math.max(appliedSeq, counts[1]);
            commit();
            catalog.refresh();
            catalog.mergeInBackground();
            int applied = catchUp();
            catalog.refresh();
            documents = catalog.documents();
            rebuilds.increment();
            Log.infof("Search index rebuilt: %d items in %.1f s (%d later changes applied), %d MB on disk", counts[0],
                    (System.nanoTime() - started) / 1e9, applied, sizeBytes() / (1024 * 1024));
        } finally {
            rebuilding = false;
        }
    }

    /** Applies the changes after the watermark; returns how many. */
    private int catchUp() throws IOException, SQLException {
        long asOf = System.nanoTime();
        int applied = 0;
        while (true) {
            List<ItemRow> rows = feed.changesAfter(watermark, BATCH);
            for (ItemRow row : rows) {
                catalog.upsert(row);
                watermark = row.watermark();
                appliedSeq = Math.max(appliedSeq, row.seq());
            }
            applied += rows.size();
            if (rows.size() < BATCH) {
                break;
            }
        }
        currentAtNanos = asOf;
        return applied;
    }

    private void poll() {
        if (state != State.READY) {
            return;
        }
        try {
            catchUp();
            catalog.refresh(); // applied changes, and segments merged in the background
            documents = catalog.documents();
            if (catalog.hasUncommittedChanges()
                    && System.nanoTime() - committedAtNanos >= config.search().commitInterval().toNanos()) {
                commit();
            }
            if (problem != null) {
                Log.info("Search index is catching up with the database again");
                problem = null;
            }
        } catch (SQLException e) {
            // The database is away: keep answering from the index as it is, and keep trying; the lag shows it.
            if (problem == null) {
                Log.warnf("Search index cannot read catalog changes (%s); it answers with what it has and retries",
                        e.getMessage());
                errors.increment();
            }
            problem = "change feed: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            fail("update", e);
        }
    }

    private void commit() throws IOException {
        catalog.commit(Map.of(EPOCH, epoch, LAYOUT, ItemDocuments.LAYOUT,
                WATERMARK_XID, Long.toString(watermark.xid()), WATERMARK_SEQ, Long.toString(watermark.seq()),
                APPLIED_SEQ, Long.toString(appliedSeq)));
        committedAtNanos = System.nanoTime();
    }

    private void fail(String during, Exception e) {
        if (stopping) {
            Log.infof("Search index %s stopped by shutdown; the next start continues from the last commit", during);
            close(false);
            return;
        }
        errors.increment();
        problem = during + " failed: " + e;
        state = State.FAILED;
        Log.errorf(e, "Search index %s failed; PostgreSQL answers searches, trying again in %s", during, retry);
        close(false);
        indexer.schedule(this::start, retry.toMillis(), TimeUnit.MILLISECONDS);
        retry = retry.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : retry.multipliedBy(2);
    }

    /** Closes the index; with {@code commit}, a current one is committed first so that a restart has nothing to redo. */
    private void close(boolean commit) {
        LuceneCatalog closing = catalog;
        if (closing == null) {
            return;
        }
        try {
            if (commit && state == State.READY && closing.hasUncommittedChanges()) {
                commit();
            }
        } catch (IOException | RuntimeException e) {
            Log.warn("Search index could not be committed at shutdown", e);
        }
        if (state == State.READY) {
            state = State.STARTING;
        }
        catalog = null;
        try {
            closing.close();
        } catch (IOException | RuntimeException e) {
            Log.warn("Search index did not close cleanly", e);
        }
    }

    /**
     * Memory-mapped files on the JVM (the fastest way Lucene reads, and the index stays off the heap); plain file
     * reads in a native image, where Lucene's unmapping of buffers is not available.
     */
    private static Directory open(Path path) throws IOException {
        return ImageMode.current().isNativeImage() ? new NIOFSDirectory(path) : new MMapDirectory(path);
    }

    private long sizeBytes() {
        LuceneCatalog current = catalog;
        try {
            return current == null ? 0 : current.sizeBytes();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
