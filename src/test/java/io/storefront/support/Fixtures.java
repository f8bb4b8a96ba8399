package io.storefront.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Test data written straight to the database, so that each test owns its items and stock. Stock is added as a
 * warehouse receipt adds it, through {@link io.storefront.stock.StockMoves}: physical, available and aggregated
 * together, keeping DOMAIN.md's rules true.
 */
@ApplicationScoped
public class Fixtures {

    @Inject
    DataSource dataSource;

    @Inject
    io.storefront.stock.StockMoves stockMoves;

    @Inject
    io.storefront.catalog.search.SearchEngines searchEngines;

    private volatile UUID warehouseId;

    /** Items made by {@link #item} since the last {@link #auditOwnItems()}: the current test's own. */
    private final Set<UUID> ownItems = ConcurrentHashMap.newKeySet();

    public UUID item(String name, String description, long priceAmount, int stock) {
        UUID id = UUID.randomUUID();
        execute("INSERT INTO item (id, name, description, price_amount, currency, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, 'USD', now(), now())", id, name, description, priceAmount);
        ownItems.add(id);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> stockMoves.openItems(List.of(id)));
        if (stock > 0) {
            addStock(id, stock);
        }
        searchable();
        return id;
    }

    /**
     * Waits until the search engine's index holds every item written so far (it applies changes on its own within a
     * second), so that a test can search for what it just wrote; does nothing with the PostgreSQL engine.
     */
    public void searchable() {
        try {
            searchEngines.awaitSearchable(java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts the stock audit finds nothing wrong with the items this test made, then starts a new test's list.
     * Scoped, so that a violation fails the test that caused it and not every test after it; the whole database
     * is audited once at the end of the suite (SuiteAuditTest).
     */
    public void auditOwnItems() {
        Set<UUID> items = Set.copyOf(ownItems);
        ownItems.clear();
        Api.assertAuditClean(items);
    }

    public UUID item(String name, int stock) {
        return item(name, "A test item called " + name, 1000, stock);
    }

    public void addStock(UUID itemId, int quantity) {
        addStock(itemId, warehouse(), quantity);
    }

    /** Stock arriving in a given warehouse, as a receipt would record it. */
    public void addStock(UUID itemId, UUID warehouse, int quantity) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .run(() -> stockMoves.receive(itemId, warehouse, quantity));
    }

    public int aggregated(UUID itemId) {
        return queryInt("SELECT aggregated FROM item_stock WHERE item_id = ?", itemId);
    }

    public int queryInt(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                var rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String queryText(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                var rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ACTIVE checkout row for a customer, as if a checkout had begun (for cart rules). */
    public UUID activeCheckout(UUID customerId) {
        UUID id = UUID.randomUUID();
        execute("INSERT INTO checkout (id, customer_id, status, created_at, expires_at, total_amount, currency) "
                + "VALUES (?, ?, 'ACTIVE', now(), ?, 0, 'USD')", id, customerId, OffsetDateTime.now().plusMinutes(10));
        return id;
    }

    /** A warehouse of its own at a US place, with coordinates. */
    public UUID warehouse(String name, String city, String region, double latitude, double longitude) {
        UUID id = UUID.randomUUID();
        execute("INSERT INTO warehouse (id, name, address, latitude, longitude, created_at) VALUES (?, ?, "
                + "jsonb_build_object('name', ?::text, 'line1', '1 Dock Road', 'city', ?::text, 'region', ?::text, "
                + "'postalCode', '00000', 'country', 'US'), ?, ?, now())",
                id, name, name, city, region, latitude, longitude);
        return id;
    }

    public int available(UUID itemId, UUID warehouse) {
        return queryInt("SELECT coalesce(sum(available), 0) FROM warehouse_stock WHERE item_id = ? AND warehouse_id = ?",
                itemId, warehouse);
    }

    public int physical(UUID itemId, UUID warehouse) {
        return queryInt("SELECT coalesce(sum(physical), 0) FROM warehouse_stock WHERE item_id = ? AND warehouse_id = ?",
                itemId, warehouse);
    }

    public synchronized UUID warehouse() {
        if (warehouseId == null) {
            UUID id = UUID.randomUUID();
            execute("INSERT INTO warehouse (id, name, address, created_at) VALUES (?, 'Test warehouse', "
                    + "'{\"name\":\"Test\",\"line1\":\"1 Main St\",\"city\":\"Newark\",\"region\":\"NJ\","
                    + "\"postalCode\":\"07101\",\"country\":\"US\"}'::jsonb, now())", id);
            warehouseId = id;
        }
        return warehouseId;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    public static String marker() {
        return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }
}
