package io.storefront.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
