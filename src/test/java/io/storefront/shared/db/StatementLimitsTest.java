package io.storefront.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Bounded cost: every pooled connection limits its statements and idle transactions. */
@QuarkusTest
class StatementLimitsTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldLimitEveryPooledConnectionsStatementsAndIdleTransactions() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(show(statement, "statement_timeout")).isEqualTo("30s");
            assertThat(show(statement, "idle_in_transaction_session_timeout")).isEqualTo("1min");
            assertThat(show(statement, "pg_trgm.word_similarity_threshold")).isEqualTo("0.45");
        }
    }

    @Test
    void shouldCancelAStatementThatRunsPastTheLimit() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                statement.execute("SET LOCAL statement_timeout = '200ms'");
                assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(2)"))
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).as("query_canceled").isEqualTo("57014"));
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
