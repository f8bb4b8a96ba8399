package io.storefront.catalog.search.opensearch;

import java.net.InetAddress;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.storefront.catalog.search.ItemChangeFeed;
import io.storefront.catalog.search.ItemChangeFeed.ItemRow;
import io.storefront.catalog.search.ItemChangeFeed.Watermark;
import io.storefront.catalog.search.SearchRequest;
import io.storefront.catalog.search.SearchService.SearchHits;
import io.storefront.catalog.search.Suggestion;
import io.storefront.shared.ShopConfig;

/**
 * The OpenSearch engine on this replica: searches against the cluster's alias, and, on whichever replica holds the
 * lease, the indexer that feeds the cluster from the catalog's change feed.
 *
 * <p><b>One indexer across replicas.</b> The {@code search_indexer} row (V8 migration) is a lease: every
 * {@code poll-interval} each replica tries to take or renew it in one conditional UPDATE; the holder feeds the index,
 * the others only read the row (to report the lag). The row also holds the watermark of the change feed and the index
 * the alias points to, and every advance of the watermark is conditional on still holding the lease, so a replica
 * that lost its lease (paused, partitioned) cannot move it. Changes are sent in bulk, versioned by their change
 * sequence: whatever a new holder sends again is refused by the cluster as already held, never applied twice.
 *
 * <p><b>Out-of-order commits.</b> The same {@link ItemChangeFeed} as the Lucene engine: a change is handed out only
 * once every older transaction has ended, so one that commits late is sent when it commits, never skipped.
 *
 * <p><b>Full reindex behind the alias.</b> A new index (its own name) is filled from one consistent read of the
 * catalog, caught up from the feed, and then the alias is switched to it in one atomic step and the old index
 * deleted; searches go on against the old index meanwhile. It happens when there is no index yet, when the index
 * layout changed, when the index is gone from the cluster, and on {@code POST /api/v1/admin/search/rebuild}.
 *
 * <p><b>While the cluster is away</b> (unreachable, 5xx, the index missing) searches are answered by PostgreSQL and
 * the health check says so; the indexer keeps its watermark and retries with backoff, then catches up.
 */
@ApplicationScoped
public class OpenSearchEngine {

    private static final String ENGINE = "opensearch";
    private static final Duration RETRY_FIRST = Duration.ofSeconds(1);
    /** Connections to each node: about the request threads that may search at once on a replica. */
    private static final int MAX_CONNECTIONS_PER_NODE = 64;

    private static final String TAKE_LEASE = """
            UPDATE search_indexer SET holder = ?, lease_until = now() + ?::interval
             WHERE engine = ? AND (holder = ? OR lease_until < now())
            RETURNING index_name, watermark_xid, watermark_seq, applied_seq, reindex_requested""";
    private static final String READ_ROW = """
            SELECT holder, index_name, applied_seq, current_at, lease_until > now() FROM search_indexer
             WHERE engine = ?""";
    private static final String ADVANCE = """
            UPDATE search_indexer SET watermark_xid = ?, watermark_seq = ?, applied_seq = greatest(applied_seq, ?),
                   current_at = coalesce(?, current_at), lease_until = now() + ?::interval
             WHERE engine = ? AND holder = ?""";
    private static final String SWITCH = """
            UPDATE search_indexer SET index_name = ?, watermark_xid = ?, watermark_seq = ?,
                   applied_seq = greatest(applied_seq, ?), current_at = ?, reindex_requested = false,
                   lease_until = now() + ?::interval
             WHERE engine = ? AND holder = ?""";
    private static final String RENEW = """
            UPDATE search_indexer SET lease_until = now() + ?::interval WHERE engine = ? AND holder = ?""";

    @Inject
    ShopConfig config;

    @Inject
    ItemChangeFeed feed;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    ObjectMapper objectMapper;

    private final String holder = holderName();
    private volatile OpenSearchTransport transport;
    private volatile OpenSearchCatalog catalog;
    private ScheduledExecutorService indexer;
    private Counter written;
    private Counter alreadyIndexed;
    private Counter errors;
    private Counter reindexes;

    // Read by request threads.
    private volatile boolean enabled;
    private volatile String indexName;
    private volatile boolean leader;
    private volatile String leaseHolder;
    private volatile long appliedSeq;
    private volatile Instant currentAt;
    private volatile boolean reindexing;
    private volatile boolean stopping;
    private volatile String problem;
    /** While set and in the future, the cluster is taken as away: searches go to PostgreSQL without trying it. */
    private volatile long awayUntilNanos;

    /** Asked by request threads (a failed search) and tests: the holder checks the index again at its next tick. */
    private final java.util.concurrent.atomic.AtomicBoolean recheck = new java.util.concurrent.atomic.AtomicBoolean();

    // Indexer thread only.
    /** False until the holder has checked the recorded index (exists, has the alias, fits this database). */
    private boolean aliasChecked;
    private Watermark watermark;
    /** Set by {@link #takeLease()}: why the index must be built anew, or null. */
    private String wantsReindex;
    /** The index the row names, usable or not (an older layout's, or one the cluster lost). */
    private String recordedIndex;
    private Duration retry = RETRY_FIRST;
    private long nextAttemptNanos;
    private long renewedAtNanos;

    void onStart(@Observes StartupEvent event) {
        if (config.search().engine() != ShopConfig.Search.Engine.OPENSEARCH) {
            return;
        }
        ShopConfig.Search.OpenSearch settings = config.search().opensearch();
        List<String> hosts = settings.hosts().orElseThrow(() -> new IllegalStateException(
                "shop.search.engine=opensearch needs shop.search.opensearch.hosts (SHOP_SEARCH_OPENSEARCH_HOSTS), "
                        + "the cluster's URLs such as https://opensearch-cluster-master:9200"));
        connect();
        enabled = true;
        written = Counter.builder("shop.search.opensearch.indexed")
                .description("Item changes written to the OpenSearch index").register(registry);
        alreadyIndexed = Counter.builder("shop.search.opensearch.already.indexed")
                .description("Item changes sent again (a retry, a new indexer) that the index already held")
                .register(registry);
        errors = Counter.builder("shop.search.opensearch.errors")
                .description("Failed requests to the OpenSearch cluster (searches and indexing)").register(registry);
        reindexes = Counter.builder("shop.search.opensearch.reindexes")
                .description("Full reindexes into a new index behind the alias").register(registry);
        Gauge.builder("shop.search.opensearch.lag", this, engine -> engine.lag().toMillis() / 1000.0)
                .baseUnit("seconds")
                .description("How long ago the OpenSearch index was last known to hold every committed catalog change")
                .register(registry);
        Gauge.builder("shop.search.opensearch.applied.sequence", this, engine -> engine.appliedSeq)
                .description("Highest item change sequence sent to the OpenSearch index").register(registry);
        Gauge.builder("shop.search.opensearch.serving", this, engine -> engine.serving() ? 1 : 0)
                .description("1 while OpenSearch answers searches on this replica, 0 while PostgreSQL does")
                .register(registry);
        Gauge.builder("shop.search.opensearch.indexer", this, engine -> engine.leader ? 1 : 0)
                .description("1 on the replica that holds the indexer lease").register(registry);
        Log.infof("Search engine: opensearch at %s, alias %s; this replica is %s", hosts, settings.index(), holder);
        indexer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "search-indexer");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.pollInterval().toMillis();
        indexer.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Builds the HTTP client and the catalog on it (again, when the previous client stopped for good). */
    private void connect() {
        ShopConfig.Search.OpenSearch settings = config.search().opensearch();
        OpenSearchTransport previous = transport;
        transport = transport(settings.hosts().orElseThrow(), settings);
        catalog = new OpenSearchCatalog(new OpenSearchClient(transport).generic(), objectMapper, settings.index());
        if (previous != null) {
            try {
                previous.close();
            } catch (Exception e) {
                Log.debug("The stopped OpenSearch client did not close cleanly", e);
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (indexer == null) {
            return;
        }
        stopping = true; // a reindex in progress stops at its next batch and deletes its unfinished index
        try {
            // Let the next replica take over at once rather than when the lease runs out.
            indexer.submit(this::releaseLease).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            Log.debug("Indexer lease not released at shutdown; it runs out on its own", e);
        }
        indexer.shutdownNow();
        try {
            transport.close();
        } catch (Exception e) {
            Log.debug("OpenSearch transport did not close cleanly", e);
        }
    }

    // ------------------------------------------------------------------ what request threads see

    public boolean enabled() {
        return enabled;
    }

    /** The cluster's index, for tests that look at what it holds. */
    OpenSearchCatalog catalog() {
        return catalog;
    }

    /** Makes the holder check the index again at its next tick, as after a takeover or an outage (for tests). */
    void recheck() {
        recheck.set(true);
    }

    /** True while searches on this replica go to OpenSearch: there is an index and the cluster is not away. */
    public boolean serving() {
        return enabled && indexName != null && System.nanoTime() - awayUntilNanos >= 0;
    }

    public SearchHits search(SearchRequest request) {
        return catalog.search(request);
    }

    public List<Suggestion> suggest(String query, int limit) {
        return catalog.suggest(query, limit);
    }

    /** A search failed on the cluster: PostgreSQL answers searches on this replica until the cluster is back. */
    public void unreachable(OpenSearchCatalog.Unavailable cause) {
        errors.increment();
        if (cause.clientStopped() && !stopping) {
            try {
                indexer.execute(this::reconnect);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
        if (System.nanoTime() - awayUntilNanos >= 0) {
            Log.warnf("OpenSearch cannot answer searches (%s); PostgreSQL answers them until it is back",
                    cause.getMessage());
        }
        problem = "search: " + cause.getMessage();
        recheck.set(true);
        awayUntilNanos = System.nanoTime() + config.search().opensearch().retryMax().toNanos();
    }

    /** Documents in the index behind the alias, as the cluster counts them; -1 when it cannot be asked. */
    public long documents() {
        try {
            return indexName == null ? 0 : catalog.count(catalog.alias());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The index the alias points to, as the indexer last recorded it; null before the first build. */
    public String indexName() {
        return indexName;
    }

    public boolean indexer() {
        return leader;
    }

    public String leaseHolder() {
        return leaseHolder;
    }

    public long appliedSequence() {
        return appliedSeq;
    }

    public boolean reindexing() {
        return reindexing;
    }

    public String problem() {
        return problem;
    }

    /** How long ago the index was last known to hold every committed change. */
    public Duration lag() {
        Instant at = currentAt;
        if (at == null) {
            return Duration.ZERO;
        }
        Duration since = Duration.between(at, Instant.now());
        return since.isNegative() ? Duration.ZERO : since; // another replica's clock may run ahead
    }

    /** Asks whichever replica holds the lease for a full reindex behind the alias. */
    public void requestReindex() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE search_indexer SET reindex_requested = true WHERE engine = ?")) {
            update.setString(1, ENGINE);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the reindex request", e);
        }
    }

    /**
     * Waits until the index holds every change committed before this call and has made it searchable: what tests
     * (and scripts) use to read their own writes without waiting for the poll and refresh intervals.
     */
    public void awaitCurrent(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Instant asked = Instant.now();
        while (true) {
            if (leader) {
                try {
                    indexer.submit(this::tick).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            Instant at = currentAt;
            if (serving() && at != null && !at.isBefore(asked)) {
                catalog.refresh(catalog.alias());
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("OpenSearch index not current after " + timeout + " (" + problem + ")");
            }
            Thread.sleep(20);
        }
    }

    // ------------------------------------------------------------------ indexer thread

    private void tick() {
        if (stopping || System.nanoTime() - nextAttemptNanos < 0) {
            return;
        }
        try {
            if (!takeLease()) {
                if (leader) {
                    Log.infof("Search indexer: another replica feeds OpenSearch now");
                }
                leader = false;
                aliasChecked = false;
                readRow();
                if (problem != null || System.nanoTime() - awayUntilNanos < 0) {
                    catalog.clusterStatus(); // still away? throws; else searches may go back to the cluster
                    back();
                }
                return;
            }
            if (!leader) {
                Log.infof("Search indexer: this replica (%s) now feeds OpenSearch", holder);
                leader = true;
            }
            leaseHolder = holder;
            if (System.nanoTime() - awayUntilNanos < 0) {
                catalog.clusterStatus(); // still away? throws
            }
            if (wantsReindex != null) {
                reindex(wantsReindex);
            } else {
                if (!aliasChecked && !indexName.equals(catalog.aliasTarget())) {
                    // a previous holder stopped between recording a new index and switching the alias to it
                    catalog.pointAliasAt(indexName);
                }
                aliasChecked = true;
                catchUp(indexName, watermark, true);
            }
            back();
        } catch (OpenSearchCatalog.Unavailable e) {
            away("indexing", e);
        } catch (CancellationException e) {
            Log.infof("Search indexer: reindex stopped (%s); the next holder builds the index again", e.getMessage());
        } catch (LeaseLost e) {
            Log.warnf("Search indexer: lease lost to another replica (%s); it continues from the last watermark",
                    e.getMessage());
            leader = false;
        } catch (SQLException e) {
            errors.increment();
            problem = "change feed: " + e.getMessage();
            Log.warnf("Search indexer cannot reach the database (%s); retrying", e.getMessage());
            backoff();
        } catch (RuntimeException | Error e) {
            // (an Error too: one escaping a scheduled task would end the indexer for good)
            errors.increment();
            problem = "indexing failed: " + e;
            Log.errorf(e, "Search indexer failed; retrying in %s", retry);
            backoff();
        }
    }

    private boolean takeLease() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(TAKE_LEASE)) {
            update.setString(1, holder);
            update.setString(2, interval(config.search().opensearch().lease()));
            update.setString(3, ENGINE);
            update.setString(4, holder);
            if (recheck.getAndSet(false)) {
                aliasChecked = false;
            }
            try (ResultSet row = update.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                renewedAtNanos = System.nanoTime();
                String index = row.getString(1);
                boolean asked = row.getBoolean(5);
                if (!leader || watermark == null) {
                    watermark = new Watermark(row.getLong(2), row.getLong(3));
                    appliedSeq = row.getLong(4);
                }
                recordedIndex = index;
                boolean usable;
                if (index == null) {
                    wantsReindex = "there is no index yet";
                    usable = false;
                } else if (!catalog.currentLayout(index)) {
                    wantsReindex = "index " + index + " has another layout than " + OpenSearchCatalog.LAYOUT;
                    usable = false; // this version's queries may not run on it
                } else if (asked) {
                    wantsReindex = "a reindex was asked for";
                    usable = true;
                } else if (!aliasChecked && (!catalog.exists(index) || catalog.aliasTarget() == null)) {
                    // (a bulk request to a deleted index would create it anew with a default mapping: checked
                    // at every takeover and after every outage, when the cluster may have lost it)
                    wantsReindex = "index " + index + " or its alias is gone from the cluster";
                    usable = false;
                } else if (!aliasChecked && catalog.maxSequence(index) > feed.lastSequence()) {
                    // Its versions would refuse the changes this database makes from now on as already held.
                    wantsReindex = "index " + index + " holds changes this database never made (restored from a backup?)";
                    usable = false;
                } else {
                    wantsReindex = null;
                    usable = true;
                }
                // Searches go to the cluster only while its index can answer them; else PostgreSQL answers.
                indexName = usable ? index : null;
                return true;
            }
        }
    }

    private void readRow() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(READ_ROW)) {
            select.setString(1, ENGINE);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    leaseHolder = row.getBoolean(5) ? row.getString(1) : null;
                    String index = row.getString(2);
                    // An index of another layout (during an upgrade) cannot answer this version's queries.
                    indexName = catalog.currentLayout(index) ? index : null;
                    appliedSeq = row.getLong(3);
                    Timestamp at = row.getTimestamp(4);
                    currentAt = at == null ? null : at.toInstant();
                }
            }
        }
    }

    /**
     * Sends the changes after {@code from} to {@code index} until it is caught up; returns the new watermark. With
     * {@code record} (the index behind the alias), every batch advances the row's watermark, on condition that this
     * replica still holds the lease.
     */
    private Watermark catchUp(String index, Watermark from, boolean record) throws SQLException {
        return catchUp(index, from, record, Integer.MAX_VALUE);
    }

    private Watermark catchUp(String index, Watermark from, boolean record, int maxBatches) throws SQLException {
        Instant asOf = Instant.now();
        Watermark at = from;
        int batch = config.search().opensearch().bulkSize();
        for (int batches = 1;; batches++) {
            if (stopping) {
                throw new CancellationException("the service is stopping");
            }
            List<ItemRow> rows = feed.changesAfter(at, batch);
            Watermark next = rows.isEmpty() ? at : rows.get(rows.size() - 1).watermark();
            long seq = rows.stream().mapToLong(ItemRow::seq).max().orElse(0);
            count(catalog.bulk(index, rows));
            boolean caughtUp = rows.size() < batch;
            if (record) {
                advance(next, seq, caughtUp ? asOf : null); // renews the lease too
                watermark = next;
            } else {
                renewLeaseIfDue();
            }
            at = next;
            appliedSeq = Math.max(appliedSeq, seq);
            if (caughtUp) {
                if (record) {
                    currentAt = asOf;
                }
                return at;
            }
            if (batches >= maxBatches) {
                return at;
            }
        }
    }

    private void advance(Watermark next, long seq, Instant current) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(ADVANCE)) {
            update.setLong(1, next.xid());
            update.setLong(2, next.seq());
            update.setLong(3, seq);
            update.setTimestamp(4, current == null ? null : Timestamp.from(current));
            update.setString(5, interval(config.search().opensearch().lease()));
            update.setString(6, ENGINE);
            update.setString(7, holder);
            if (update.executeUpdate() == 0) {
                throw new LeaseLost("while advancing the watermark");
            }
            renewedAtNanos = System.nanoTime();
        }
    }

    /**
     * Builds a new index from one consistent read of the catalog, catches it up, records it and switches the alias
     * to it. The index behind the alias keeps answering meanwhile and keeps being fed: every poll interval the read
     * pauses to send it the changes committed since, so a reindex does not stop freshness.
     */
    private void reindex(String reason) throws SQLException {
        ShopConfig.Search.OpenSearch settings = config.search().opensearch();
        String previous = indexName;
        String index = catalog.newIndexName();
        Log.infof("Search indexer: %s; building %s from the database (%s)", reason, index,
                previous == null ? "PostgreSQL answers searches meanwhile" : "searches go to " + previous + " meanwhile");
        reindexing = true;
        long started = System.nanoTime();
        try {
            catalog.createIndex(index, settings.shards(), settings.replicas(), "-1");
            List<ItemRow> buffer = new ArrayList<>(settings.bulkSize());
            long[] counts = new long[2];
            long[] fedAt = { System.nanoTime() };
            Watermark fresh;
            try {
                fresh = feed.readAll(row -> {
                    if (stopping) {
                        throw new CancellationException("the service is stopping");
                    }
                    buffer.add(row);
                    counts[1] = Math.max(counts[1], row.seq());
                    if (buffer.size() < settings.bulkSize()) {
                        return;
                    }
                    flush(index, buffer);
                    renewLeaseIfDue();
                    if (++counts[0] % 100 == 0) {
                        Log.infof("Search indexer: %d items sent to %s so far", counts[0] * settings.bulkSize(),
                                index);
                    }
                    if (previous != null && System.nanoTime() - fedAt[0] >= settings.pollInterval().toNanos()) {
                        feedLive(previous);
                        fedAt[0] = System.nanoTime();
                    }
                });
                flush(index, buffer);
                catalog.setting(index, "refresh_interval", settings.indexRefreshInterval());
                appliedSeq = Math.max(appliedSeq, counts[1]);
                merge(index, previous);
                Instant asOf = Instant.now();
                fresh = catchUp(index, fresh, false);
                catalog.refresh(index);
                // Record the new index first, then switch the alias: a holder that stops in between leaves the row
                // ahead of the alias, and the next holder switches the alias when it takes over.
                recordSwitch(index, fresh, asOf);
            } catch (RuntimeException | SQLException e) {
                try {
                    catalog.deleteIndex(index);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            try {
                catalog.pointAliasAt(index);
            } catch (RuntimeException e) {
                // The row names the new index already: the next tick switches the alias (never delete it now).
                aliasChecked = false;
                recordedIndex = index;
                indexName = index;
                throw e;
            }
            indexName = index;
            aliasChecked = true;
            wantsReindex = null;
            recordedIndex = index;
            reindexes.increment();
            // The previous index, one of an older layout, and any left by a build that never finished.
            for (String leftover : catalog.indicesBesides(index)) {
                catalog.deleteIndex(leftover);
            }
            Log.infof("Search indexer: %s built in %.1f s with %d items; the alias %s points to it", index,
                    (System.nanoTime() - started) / 1e9, catalog.count(index), catalog.alias());
        } finally {
            reindexing = false;
        }
    }

    /**
     * Merges the new index into one segment before searches go to it, as the Lucene engine does after a rebuild;
     * meanwhile the lease is renewed and the index behind the alias fed, as during the read.
     */
    private void merge(String index, String previous) {
        long started = System.nanoTime();
        String task = catalog.startForceMerge(index);
        while (!catalog.taskDone(task)) {
            if (stopping) {
                throw new CancellationException("the service is stopping");
            }
            renewLeaseIfDue();
            if (previous != null) {
                feedLive(previous);
            }
            try {
                Thread.sleep(config.search().opensearch().pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while " + index + " was being merged", e);
            }
        }
        Log.infof("Search indexer: %s merged into one segment in %.1f s", index, (System.nanoTime() - started) / 1e9);
    }

    /** During a reindex: the index behind the alias gets the changes committed since its watermark. */
    private void feedLive(String live) {
        try {
            catchUp(live, watermark, true, 1); // one batch per pause: the read must not stall on a backlog
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read catalog changes during a reindex", e);
        }
    }

    private void flush(String index, List<ItemRow> buffer) {
        count(catalog.bulk(index, buffer));
        buffer.clear();
    }

    private void recordSwitch(String index, Watermark fresh, Instant asOf) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(SWITCH)) {
            update.setString(1, index);
            update.setLong(2, fresh.xid());
            update.setLong(3, fresh.seq());
            update.setLong(4, appliedSeq);
            update.setTimestamp(5, Timestamp.from(asOf));
            update.setString(6, interval(config.search().opensearch().lease()));
            update.setString(7, ENGINE);
            update.setString(8, holder);
            if (update.executeUpdate() == 0) {
                throw new LeaseLost("before switching the alias to " + index);
            }
        }
        watermark = fresh;
        currentAt = asOf;
    }

    /**
     * Renews the lease when a third of it has passed since the last renewal: a reindex of millions of items takes
     * minutes, and a holder that let its lease run out meanwhile would see another replica start a reindex of its
     * own, and each would abort the other's in turn.
     */
    private void renewLeaseIfDue() {
        if (System.nanoTime() - renewedAtNanos >= config.search().opensearch().lease().toNanos() / 3) {
            renewLease();
        }
    }

    private void renewLease() {
        renewedAtNanos = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(RENEW)) {
            update.setString(1, interval(config.search().opensearch().lease()));
            update.setString(2, ENGINE);
            update.setString(3, holder);
            if (update.executeUpdate() == 0) {
                throw new LeaseLost("during a reindex");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not renew the indexer lease", e);
        }
    }

    private void releaseLease() {
        if (!leader) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE search_indexer SET lease_until = '-infinity' WHERE engine = ? AND holder = ?")) {
            update.setString(1, ENGINE);
            update.setString(2, holder);
            update.executeUpdate();
        } catch (SQLException e) {
            Log.debug("Indexer lease not released", e);
        }
        leader = false;
    }

    private void count(OpenSearchCatalog.Bulk bulk) {
        written.increment(bulk.written());
        alreadyIndexed.increment(bulk.alreadyIndexed());
    }

    private void away(String during, OpenSearchCatalog.Unavailable e) {
        errors.increment();
        if (e.clientStopped()) {
            reconnect();
        }
        if (System.nanoTime() - awayUntilNanos >= 0 || problem == null) {
            Log.warnf("OpenSearch unavailable during %s (%s); PostgreSQL answers searches, retrying in %s", during,
                    e.getMessage(), retry);
        }
        problem = during + ": " + e.getMessage();
        aliasChecked = false;
        awayUntilNanos = System.nanoTime() + Math.max(retry.toNanos(), config.search().opensearch().pollInterval()
                .toNanos());
        backoff();
    }

    /** On the indexer thread: replaces a client whose I/O thread died, once (later failures find the new one). */
    private void reconnect() {
        try {
            catalog.clusterStatus();
        } catch (OpenSearchCatalog.Unavailable e) {
            if (e.clientStopped()) {
                Log.warnf("The OpenSearch client stopped (%s); building a new one", e.getMessage());
                connect();
            }
        }
    }

    private void back() {
        if (problem != null) {
            Log.infof("OpenSearch answers again; searches go back to it");
            problem = null;
        }
        awayUntilNanos = System.nanoTime();
        retry = RETRY_FIRST;
        nextAttemptNanos = 0;
    }

    private void backoff() {
        nextAttemptNanos = System.nanoTime() + retry.toNanos();
        Duration doubled = retry.multipliedBy(2);
        Duration max = config.search().opensearch().retryMax();
        retry = doubled.compareTo(max) > 0 ? max : doubled;
    }

    private static String interval(Duration duration) {
        return duration.toMillis() + " milliseconds";
    }

    private static String holderName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "replica";
        }
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    static OpenSearchTransport transport(List<String> hosts, ShopConfig.Search.OpenSearch settings) {
        HttpHost[] nodes = new HttpHost[hosts.size()];
        for (int i = 0; i < nodes.length; i++) {
            try {
                nodes[i] = HttpHost.create(hosts.get(i).trim());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("shop.search.opensearch.hosts: not a URL: " + hosts.get(i), e);
            }
        }
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(nodes);
        Timeout connect = Timeout.ofMilliseconds(settings.connectTimeout().toMillis());
        Timeout response = Timeout.ofMilliseconds(settings.responseTimeout().toMillis());
        // Waiting for a pooled connection is bounded like the rest: a search never queues longer than it may take.
        builder.setRequestConfigCallback(request -> request.setResponseTimeout(response)
                .setConnectionRequestTimeout(response));
        BasicCredentialsProvider credentials = null;
        if (settings.username().isPresent()) {
            credentials = new BasicCredentialsProvider();
            for (HttpHost node : nodes) {
                credentials.setCredentials(new AuthScope(node), new UsernamePasswordCredentials(
                        settings.username().get(), settings.password().orElse("").toCharArray()));
            }
        }
        javax.net.ssl.SSLContext tls = settings.caCertificate().map(OpenSearchEngine::trusting).orElse(null);
        BasicCredentialsProvider auth = credentials;
        builder.setHttpClientConfigCallback(client -> {
            // Responses are small; and HttpClient 5.6 would offer Brotli whenever brotli4j is on the classpath (it
            // is, through Vert.x), whose native decoder is not loaded here: a Brotli answer kills the I/O reactor.
            client.disableContentCompression();
            if (auth != null) {
                client.setDefaultCredentialsProvider(auth);
            }
            // The pool: as many connections per node as request threads may search at once, the connect timeout,
            // and TLS with the configured CA (else the JVM's trust store).
            var pool = org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder.create()
                    .setDefaultConnectionConfig(org.apache.hc.client5.http.config.ConnectionConfig.custom()
                            .setConnectTimeout(connect).build())
                    .setMaxConnPerRoute(MAX_CONNECTIONS_PER_NODE)
                    .setMaxConnTotal(MAX_CONNECTIONS_PER_NODE * nodes.length);
            if (tls != null) {
                pool.setTlsStrategy(org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder.create()
                        .setSslContext(tls).build());
            }
            return client.setConnectionManager(pool.build());
        });
        return builder.build();
    }

    /** TLS that trusts the certificates (a private CA, such as the official chart's) in a PEM file. */
    static javax.net.ssl.SSLContext trusting(String pemFile) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(pemFile))) {
            java.security.KeyStore trusted = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (java.security.cert.Certificate certificate : java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new IllegalStateException("shop.search.opensearch.ca-certificate: no certificate in " + pemFile);
            }
            javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("shop.search.opensearch.ca-certificate: cannot read " + pemFile, e);
        }
    }

    /** This replica no longer holds the lease: another one feeds the index now. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost(String when) {
            super(when, null, false, false);
        }
    }
}
