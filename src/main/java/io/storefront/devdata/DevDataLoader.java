package io.storefront.devdata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.storefront.shared.db.Transactions;
import io.storefront.shared.db.Sql;
import io.storefront.devdata.SampleCatalog.Catalog;
import io.storefront.devdata.SampleCatalog.Item;
import io.storefront.devdata.SampleCatalog.Warehouse;
import io.storefront.stock.StockDelta;
import io.storefront.stock.StockMoves;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Loads the {@link SampleCatalog} (about 3,000 items, three warehouses and their stock) into an empty database at
 * startup, so that {@code quarkus:dev} has something to search, put in a cart and order. The bean exists only in
 * the dev build profile: prod and test builds never contain it.
 *
 * <p>Everything is written in one transaction: warehouses and items with JDBC batch inserts, their stock as receipts
 * through {@link StockMoves} (set-based, like every stock change); a database that already holds items is left
 * untouched, so restarts (and live reloads) keep whatever the developer changed.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevDataLoader {

    private static final int BATCH_SIZE = 1_000;

    /** Serializes concurrent loaders (two dev instances on one database) for the length of the transaction. */
    private static final long ADVISORY_LOCK_KEY = 0x53_54_4F_52_45_44_45_56L; // "STOREDEV"

    private static final String INSERT_WAREHOUSE = """
            INSERT INTO warehouse (id, name, address, latitude, longitude, webhook_url, webhook_secret, created_at)
            VALUES (?, ?, CAST(? AS jsonb), ?, ?, NULL, NULL, now())""";
    private static final String INSERT_ITEM = """
            INSERT INTO item (id, name, description, price_amount, currency, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, now(), now())""";

    /** A private mapper: the application's may be configured to drop nulls, and {@code line2} must stay. */
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Sql sql;

    @Inject
    StockMoves stock;

    void onStart(@Observes StartupEvent event) {
        Transactions.retrying("Sample catalog load", this::loadIfEmpty);
    }

    void loadIfEmpty() {
        long started = System.nanoTime();
        Catalog catalog = SampleCatalog.generate();
        boolean loaded = sql.run(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ")");
                try (ResultSet rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM item)")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return false;
                    }
                }
            }
            insertWarehouses(connection, catalog.warehouses());
            insertItems(connection, catalog.items());
            return true;
        });
        if (!loaded) {
            Log.info("Sample catalog already present, skipping");
            return;
        }
        // Stock arrives the way a warehouse receipt brings it: physical, available and aggregated together.
        stock.openItems(catalog.items().stream().map(Item::id).toList());
        stock.receive(catalog.warehouseStock().stream().filter(row -> row.available() > 0)
                .map(row -> new StockDelta(row.itemId(), row.warehouseId(), row.available())).toList());
        Log.infof("Loaded the sample catalog: %d items, %d warehouses, %d units of stock in %d ms",
                catalog.items().size(), catalog.warehouses().size(), catalog.totalUnits(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void insertWarehouses(Connection connection, List<Warehouse> warehouses) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_WAREHOUSE)) {
            for (Warehouse warehouse : warehouses) {
                insert.setObject(1, warehouse.id());
                insert.setString(2, warehouse.name());
                insert.setString(3, toJson(warehouse));
                insert.setDouble(4, warehouse.latitude());
                insert.setDouble(5, warehouse.longitude());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertItems(Connection connection, List<Item> items) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ITEM)) {
            int pending = 0;
            for (Item item : items) {
                insert.setObject(1, item.id());
                insert.setString(2, item.name());
                insert.setString(3, item.description());
                insert.setLong(4, item.priceAmount());
                insert.setString(5, item.currency());
                insert.addBatch();
                pending = flushIfFull(insert, pending + 1);
            }
            insert.executeBatch();
        }
    }

    private static int flushIfFull(PreparedStatement insert, int pending) throws SQLException {
        if (pending < BATCH_SIZE) {
            return pending;
        }
        insert.executeBatch();
        return 0;
    }

    private static String toJson(Warehouse warehouse) {
        try {
            return JSON.writeValueAsString(warehouse.address());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialize the address of " + warehouse.name(), e);
        }
    }
}
