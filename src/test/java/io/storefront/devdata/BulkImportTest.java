package io.storefront.devdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storefront.catalog.CatalogImport;
import io.storefront.shared.db.Transactions;
import io.storefront.stock.StockMoves;
import io.storefront.support.Fixtures;
import io.storefront.warehouse.WarehouseImport;

/** The bulk imports the dev sample catalog writes through (DevDataLoader itself exists only in dev mode). */
@QuarkusTest
class BulkImportTest {

    @Inject
    CatalogImport items;

    @Inject
    WarehouseImport warehouses;

    @Inject
    StockMoves stock;

    @Inject
    Fixtures fixtures;

    @Test
    void shouldAddItemsAndWarehousesInOneStatementEach() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        Transactions.retrying("Bulk import test", () -> {
            warehouses.insertAll(List.of(new WarehouseImport.NewWarehouse(warehouse, "Imported DC",
                    "{\"name\": \"Imported DC\", \"line1\": \"1 Dock\", \"line2\": null, \"city\": \"Reno\", "
                            + "\"region\": \"NV\", \"postalCode\": \"89501\", \"country\": \"US\"}", 39.5, -119.8)));
            items.insertAll(List.of(new CatalogImport.NewItem(first, "Imported Lamp", "Bright", 1500, "USD"),
                    new CatalogImport.NewItem(second, "Imported Desk", "Oak", 25000, "USD")));
            stock.openItems(List.of(first, second)); // as DevDataLoader does next
        });

        assertThat(items.isEmpty()).isFalse();
        assertThat(fixtures.queryInt("SELECT count(*) FROM item WHERE id IN (?, ?) AND currency = 'USD' "
                + "AND change_seq IS NOT NULL", first, second)).isEqualTo(2);
        assertThat(fixtures.queryInt("SELECT price_amount::int FROM item WHERE id = ?", second)).isEqualTo(25000);
        assertThat(fixtures.queryInt("SELECT count(*) FROM warehouse WHERE id = ? AND address->>'city' = 'Reno' "
                + "AND address->'line2' IS NOT NULL AND webhook_url IS NULL", warehouse)).isEqualTo(1);
    }
}
