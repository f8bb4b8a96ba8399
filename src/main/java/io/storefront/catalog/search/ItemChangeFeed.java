package io.storefront.catalog.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The catalog as a search index sees it: every item row, and the rows changed since a watermark, read from
 * PostgreSQL (the source of truth) on a connection of its own, outside any request's transaction. Engine-neutral:
 * a distributed engine would be fed from the same feed.
 *
 * <p>Rows are stamped by the V2 migration's trigger with their writer's transaction id and a sequence number. A
 * change is handed out only once every transaction older than it has ended (its id is below the snapshot's xmin),
 * in (transaction id, sequence) order; so a transaction that took its number early and commits late is applied
 * when it commits, never skipped.
 */
@ApplicationScoped
public class ItemChangeFeed {

    // The stamp is read as text (JDBC has no xid8) under another name: ORDER BY change_xid must sort the xid8
    // column, and an output column of the same name would win over it.
    private static final String COLUMNS =
            "id, name, description, price_amount, currency, change_xid::text AS change_xid_text, change_seq";

    private static final String CHANGES = "SELECT " + COLUMNS + """
             FROM item
            WHERE (change_xid, change_seq) > (?::text::xid8, ?)
              AND change_xid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY item.change_xid, item.change_seq
            LIMIT ?""";

    @Inject
    DataSource dataSource;

    /** An item as the index stores it, with the change stamp of its latest version. */
    public record ItemRow(UUID id, String name, String description, long priceAmount, String currency, long xid,
            long seq) {

        public Watermark watermark() {
            return new Watermark(xid, seq);
        }
    }

    /** Everything up to and including (xid, seq) is applied. */
    public record Watermark(long xid, long seq) implements Comparable<Watermark> {

        /** Before every change of transactions from {@code xmin} on: what a full read at that snapshot covers. */
        static Watermark before(long xmin) {
            return new Watermark(xmin - 1, Long.MAX_VALUE);
        }

        @Override
        public int compareTo(Watermark other) {
            int byXid = Long.compare(xid, other.xid);
            return byXid != 0 ? byXid : Long.compare(seq, other.seq);
        }
    }

    /** The id of this database's catalog (V2 migration); an index built from another database is not reused. */
    public String epoch() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT epoch::text FROM search_index_epoch")) {
            return rows.next() ? rows.getString(1) : "none";
        }
    }

    /**
     * The next transaction id the database will hand out. An index whose watermark lies beyond it was built from
     * another database (a restore, say) and cannot be caught up.
     */
    public long nextXid() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")) {
            rows.next();
            return Long.parseLong(rows.getString(1));
        }
    }

    /**
     * The last change sequence this database handed out. An index holding a higher one was fed from another timeline
     * of the database (a restore from a backup): it holds versions this database will hand out again.
     */
    public long lastSequence() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT last_value FROM item_change_seq")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Up to {@code limit} changes after {@code after}, oldest first; fewer than {@code limit} means caught up. */
    public List<ItemRow> changesAfter(Watermark after, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(CHANGES)) {
            select.setString(1, Long.toString(after.xid()));
            select.setLong(2, after.seq());
            select.setInt(3, limit);
            List<ItemRow> rows = new ArrayList<>(Math.min(limit, 1024));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result));
                }
            }
            return rows;
        }
    }

    /**
     * Every item, read from one consistent snapshot and streamed in batches; returns the watermark from which the
     * changes feed continues after this read (the changes of transactions still running at the snapshot, and of
     * later ones).
     */
    public Watermark readAll(Consumer<ItemRow> sink) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = connection.createStatement()) {
                // The whole catalog is read in one statement: lift the pool's statement timeout for it, and the idle
                // timeout too (the sink may take its time between fetches: an index engine sending a batch).
                statement.execute("SET LOCAL statement_timeout = 0");
                statement.execute("SET LOCAL idle_in_transaction_session_timeout = 0");
                long xmin;
                try (ResultSet rows = statement.executeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")) {
                    rows.next();
                    xmin = Long.parseLong(rows.getString(1));
                }
                statement.setFetchSize(2_000);
                try (ResultSet rows = statement.executeQuery("SELECT " + COLUMNS + " FROM item")) {
                    while (rows.next()) {
                        sink.accept(row(rows));
                    }
                }
                connection.commit();
                return Watermark.before(xmin);
            } catch (SQLException | RuntimeException e) {
                // End the transaction before the settings below can be restored, and let the sink's own exception
                // (a stop, a lost lease, an unreachable cluster) reach the caller rather than a complaint about them.
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static ItemRow row(ResultSet rows) throws SQLException {
        return new ItemRow(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3), rows.getLong(4),
                rows.getString(5), Long.parseLong(rows.getString(6)), rows.getLong(7));
    }
}
