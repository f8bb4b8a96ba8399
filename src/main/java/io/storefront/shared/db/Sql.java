package io.storefront.shared.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * Plain SQL on the connection of the current Hibernate session, hence of the current transaction: the hot paths
 * (search, stock) are set-based SQL whose affected-row counts decide, next to the entities of the same transaction.
 */
@ApplicationScoped
public class Sql {

    @Inject
    EntityManager em;

    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Reads one row of a result into a value. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** An array parameter: {@code Sql.array("uuid", ids)} binds as {@code uuid[]}. */
    public record Array(String elementType, java.util.Collection<?> values) {
    }

    /** Whether an SQLException with this SQLSTATE is behind the exception. */
    public static boolean hasSqlState(Throwable e, String state) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public static Array array(String elementType, java.util.Collection<?> values) {
        return new Array(elementType, values);
    }

    /** Every row of a query, mapped. Parameters bind by position (see {@link #bind}). */
    public <T> List<T> list(String query, Row<T> row, Object... parameters) {
        return run(connection -> {
            try (PreparedStatement statement = prepare(connection, query, parameters);
                    ResultSet rows = statement.executeQuery()) {
                List<T> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(row.map(rows));
                }
                return values;
            }
        });
    }

    /** A query's rows as a map from key to value, in row order (a later row with the same key wins). */
    public <K, V> Map<K, V> map(String query, Row<K> key, Row<V> value, Object... parameters) {
        Map<K, V> values = new LinkedHashMap<>();
        for (Map.Entry<K, V> entry : list(query, row -> Map.entry(key.map(row), value.map(row)), parameters)) {
            values.put(entry.getKey(), entry.getValue());
        }
        return values;
    }

    /** The first row of a query, mapped, or empty. */
    public <T> Optional<T> optional(String query, Row<T> row, Object... parameters) {
        return run(connection -> {
            try (PreparedStatement statement = prepare(connection, query, parameters);
                    ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(row.map(rows)) : Optional.<T>empty();
            }
        });
    }

    /** The one row a query must return (an aggregate, an EXISTS), mapped. */
    public <T> T one(String query, Row<T> row, Object... parameters) {
        return optional(query, row, parameters)
                .orElseThrow(() -> new IllegalStateException("No row from: " + query));
    }

    /** An INSERT, UPDATE or DELETE after pending entity changes are flushed; the number of rows it changed. */
    public int update(String statementText, Object... parameters) {
        return runAfterFlush(connection -> {
            try (PreparedStatement statement = prepare(connection, statementText, parameters)) {
                return statement.executeUpdate();
            }
        });
    }

    private static PreparedStatement prepare(Connection connection, String text, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text);
        try {
            bind(connection, statement, parameters);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Binds by position: {@link Array}s as SQL arrays, {@link Instant}s as UTC timestamps, the rest as objects. */
    static void bind(Connection connection, PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i];
            if (parameter instanceof Array array) {
                statement.setArray(i + 1, connection.createArrayOf(array.elementType(), array.values().toArray()));
            } else if (parameter instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else {
                statement.setObject(i + 1, parameter);
            }
        }
    }

    public <T> T run(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::apply);
    }

    /** Writes pending entity changes first, so that the SQL that follows sees them. */
    public <T> T runAfterFlush(Work<T> work) {
        em.flush();
        return run(work);
    }

    public static java.sql.Array uuids(Connection connection, java.util.Collection<UUID> ids) throws SQLException {
        return connection.createArrayOf("uuid", ids.toArray());
    }

    public static java.sql.Array ints(Connection connection, java.util.Collection<Integer> values) throws SQLException {
        return connection.createArrayOf("int4", values.toArray());
    }

    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, parameters);
            return statement.executeUpdate();
        }
    }
}
