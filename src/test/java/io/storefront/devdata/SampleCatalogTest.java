package io.storefront.devdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.storefront.devdata.SampleCatalog.Catalog;
import io.storefront.devdata.SampleCatalog.Item;
import io.storefront.devdata.SampleCatalog.ItemStock;
import io.storefront.devdata.SampleCatalog.Warehouse;
import io.storefront.devdata.SampleCatalog.WarehouseStock;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dev-mode sample catalog generator, without a database. */
class SampleCatalogTest {

    private static final Catalog CATALOG = SampleCatalog.generate();

    @Test
    void hasEnoughItemsOverEnoughKinds() {
        assertTrue(CATALOG.items().size() >= 2_500, "items: " + CATALOG.items().size());
        Set<String> kinds = CATALOG.items().stream().map(Item::kind).collect(Collectors.toSet());
        assertTrue(kinds.size() >= 25, "kinds: " + kinds);
    }

    @Test
    void itemIdsAreUniqueAndStable() {
        Set<UUID> ids = new HashSet<>();
        for (Item item : CATALOG.items()) {
            assertTrue(ids.add(item.id()), "duplicate id " + item.id());
            assertEquals(UUID.nameUUIDFromBytes(("item-" + item.number()).getBytes(StandardCharsets.UTF_8)),
                    item.id());
        }
    }

    @Test
    void namesAndDescriptionsFitTheSchema() {
        Set<String> names = new HashSet<>();
        for (Item item : CATALOG.items()) {
            assertFalse(item.name().isBlank());
            assertTrue(item.name().length() <= 200, item.name());
            assertTrue(names.add(item.name()), "duplicate name " + item.name());
            assertFalse(item.description().isBlank(), item.name());
            assertTrue(item.description().length() <= 5_000, item.name());
        }
    }

    @Test
    void pricesArePositiveUsdCents() {
        for (Item item : CATALOG.items()) {
            assertTrue(item.priceAmount() > 0, item.name() + ": " + item.priceAmount());
            assertTrue(item.priceAmount() >= 499 && item.priceAmount() <= 249_999,
                    item.name() + ": " + item.priceAmount());
            assertEquals("USD", item.currency());
        }
    }

    @Test
    void isDeterministic() {
        assertEquals(CATALOG, SampleCatalog.generate());
        assertEquals(SampleCatalog.generate(100, 7), SampleCatalog.generate(100, 7));
    }

    @Test
    void hasThreeWarehousesWithStableIdsAndUsAddresses() {
        List<Warehouse> warehouses = CATALOG.warehouses();
        assertEquals(3, warehouses.size());
        for (int i = 0; i < warehouses.size(); i++) {
            Warehouse warehouse = warehouses.get(i);
            assertEquals(UUID.nameUUIDFromBytes(("warehouse-" + (i + 1)).getBytes(StandardCharsets.UTF_8)),
                    warehouse.id());
            Map<String, Object> address = warehouse.address();
            assertEquals(List.of("name", "line1", "line2", "city", "region", "postalCode", "country"),
                    List.copyOf(address.keySet()));
            assertEquals("US", address.get("country"));
            assertTrue(address.containsKey("line2"));
            assertEquals(null, address.get("line2"));
            assertNotNull(address.get("postalCode"));
            assertTrue(warehouse.latitude() >= -90 && warehouse.latitude() <= 90);
            assertTrue(warehouse.longitude() >= -180 && warehouse.longitude() <= 180);
        }
    }

    @Test
    void everyItemIsStockedInOneToThreeWarehouses() {
        Set<UUID> warehouseIds = CATALOG.warehouses().stream().map(Warehouse::id).collect(Collectors.toSet());
        Map<UUID, Integer> rowsPerItem = new HashMap<>();
        Set<String> pairs = new HashSet<>();
        for (WarehouseStock row : CATALOG.warehouseStock()) {
            assertTrue(warehouseIds.contains(row.warehouseId()));
            assertTrue(pairs.add(row.itemId() + "/" + row.warehouseId()), "duplicate row " + row);
            assertTrue(row.available() >= 0 && row.available() <= 60, row.toString());
            assertEquals(row.physical(), row.available(), "no warehouse orders yet: " + row);
            rowsPerItem.merge(row.itemId(), 1, Integer::sum);
        }
        for (Item item : CATALOG.items()) {
            int rows = rowsPerItem.getOrDefault(item.id(), 0);
            assertTrue(rows >= 1 && rows <= 3, item.name() + " is stocked in " + rows + " warehouses");
        }
    }

    @Test
    void aggregatedStockIsTheSumOfWarehouseStock() {
        Map<UUID, Integer> sums = new HashMap<>();
        for (WarehouseStock row : CATALOG.warehouseStock()) {
            sums.merge(row.itemId(), row.available(), Integer::sum);
        }
        assertEquals(CATALOG.items().size(), CATALOG.itemStock().size(), "one item_stock row per item");
        Set<UUID> itemIds = CATALOG.items().stream().map(Item::id).collect(Collectors.toSet());
        Set<UUID> stocked = new HashSet<>();
        for (ItemStock row : CATALOG.itemStock()) {
            assertTrue(itemIds.contains(row.itemId()));
            assertTrue(stocked.add(row.itemId()), "duplicate item_stock row for " + row.itemId());
            assertEquals(sums.getOrDefault(row.itemId(), 0), row.aggregated(), "item " + row.itemId());
        }
        long total = CATALOG.itemStock().stream().mapToLong(ItemStock::aggregated).sum();
        assertEquals(total, CATALOG.totalUnits());
    }

    @Test
    void someItemsAreOutOfStock() {
        long outOfStock = CATALOG.itemStock().stream().filter(row -> row.aggregated() == 0).count();
        assertTrue(outOfStock > 0, "no out-of-stock items");
        assertTrue(outOfStock < CATALOG.items().size() / 5, "too many out-of-stock items: " + outOfStock);
    }
}
