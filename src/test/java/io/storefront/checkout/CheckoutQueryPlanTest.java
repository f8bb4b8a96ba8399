package io.storefront.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Queries a request makes on the checkout table, which keeps every checkout ever made, must find their rows through
 * an index. With sequential scans switched off the planner still picks one when no index fits, so the plan shows it.
 */
@QuarkusTest
class CheckoutQueryPlanTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldAnswerWhetherACustomerHadAnyCheckoutThroughAnIndex() throws SQLException {
        // Checkout.anyOf, asked by DELETE /api/v1/checkout when the customer has no active checkout.
        List<String> plan = plan("SELECT 1 FROM checkout WHERE customer_id = '" + UUID.randomUUID() + "' LIMIT 1");
        assertThat(plan).noneMatch(line -> line.contains("Seq Scan"))
                .anyMatch(line -> line.contains("checkout_customer_idx"));
    }

    @Test
    void shouldFindTheActiveCheckoutOfACustomerThroughAnIndex() throws SQLException {
        List<String> plan = plan("SELECT * FROM checkout WHERE customer_id = '" + UUID.randomUUID()
                + "' AND status = 'ACTIVE' FOR UPDATE");
        assertThat(plan).noneMatch(line -> line.contains("Seq Scan"));
    }

    private List<String> plan(String query) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                statement.execute("SET LOCAL enable_seqscan = off");
                List<String> lines = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
                return lines;
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
