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
import io.storefront.catalog.CatalogImport;
import io.storefront.stock.StockDelta;
import io.storefront.stock.StockMoves;
import io.storefront.warehouse.WarehouseImport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Loads the {@link SampleCatalog} (about 3,000 items, three warehouses and their stock) into an empty database at
 * startup, so that {@code quarkus:dev} has something to search, put in a cart and order. The bean exists only in
 * the dev build profile: prod and test builds never contain it.
 *
 * <p>Everything is written in one transaction: warehouses and items through their features' bulk imports
 * ({@link WarehouseImport}, {@link CatalogImport}), their stock as receipts through {@link StockMoves} (set-based,
 * like every stock change); a database that already holds items is left
 * untouched, so restarts (and live reloads) keep whatever the developer changed.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevDataLoader {

    /** Serializes concurrent loaders (two dev instances on one database) for the length of the transaction. */
    private static final long ADVISORY_LOCK_KEY = 0x53_54_4F_52_45_44_45_56L; // "STOREDEV"

    /** A private mapper: the application's may be configured to drop nulls, and {@code line2} must stay. */
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Sql sql;

    @Inject
    StockMoves stock;

    @Inject
    CatalogImport items;

    @Inject
    WarehouseImport warehouseImport;

    void onStart(@Observes StartupEvent event) {
        Transactions.retrying("Sample catalog load", this::loadIfEmpty);
    }

    void loadIfEmpty() {
        long started = System.nanoTime();
        Catalog catalog = SampleCatalog.generate();
        sql.list("SELECT pg_advisory_xact_lock(?)", row -> 1, ADVISORY_LOCK_KEY);
        if (!items.isEmpty()) {
            Log.info("Sample catalog already present, skipping");
            return;
        }
        warehouseImport.insertAll(catalog.warehouses().stream().map(warehouse -> new WarehouseImport.NewWarehouse(
                warehouse.id(), warehouse.name(), toJson(warehouse), warehouse.latitude(), warehouse.longitude()))
                .toList());
        items.insertAll(catalog.items().stream().map(item -> new CatalogImport.NewItem(item.id(), item.name(),
                item.description(), item.priceAmount(), item.currency())).toList());
        // Stock arrives the way a warehouse receipt brings it: physical, available and aggregated together.
        stock.openItems(catalog.items().stream().map(Item::id).toList());
        stock.receive(catalog.warehouseStock().stream().filter(row -> row.available() > 0)
                .map(row -> new StockDelta(row.itemId(), row.warehouseId(), row.available())).toList());
        Log.infof("Loaded the sample catalog: %d items, %d warehouses, %d units of stock in %d ms",
                catalog.items().size(), catalog.warehouses().size(), catalog.totalUnits(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static String toJson(Warehouse warehouse) {
        try {
            return JSON.writeValueAsString(warehouse.address());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialize the address of " + warehouse.name(), e);
        }
    }
}
