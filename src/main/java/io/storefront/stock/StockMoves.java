package io.storefront.stock;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.shared.error.ApiException;
import io.storefront.shared.error.ErrorCode;
import io.storefront.shared.db.Sql;

/**
 * Every change to the three stock numbers of DOMAIN.md, one method per move; nothing else in the service writes
 * {@code item_stock} or {@code warehouse_stock} (the table "Stock moves" in docs/WAREHOUSES.md points here).
 *
 * <pre>
 *   move                          aggregated  available  physical   called by
 *   openItems    new item              0                           catalog, dev data
 *   reserve      checkout begins       −                           checkout
 *   release      checkout cancelled,   +                           checkout (cancel, expiry), order (cancel)
 *                expired; order cancelled
 *   receive      receipt               +          +          +     warehouse receipts, dev data, test fixtures
 *   lose         loss                  −          −          −     warehouse losses
 *   promise      assignment                       −                warehouse assignment
 *   unpromise    warehouse order cancelled        +                warehouse orders (order cancel)
 *   ship         shipment                                    −     warehouse orders
 * </pre>
 *
 * Each move is set-based: one conditional statement per table whose affected-row count decides, in the caller's
 * transaction. Each takes its rows in the {@link LockOrder}: {@code warehouse_stock} rows by (item, warehouse)
 * before {@code item_stock} rows by item, each sorted here whatever order the caller passes them in. CHECK
 * constraints back every rule: no number below zero, available never above physical.
 */
@ApplicationScoped
public class StockMoves {

    private static final Comparator<StockDelta> BY_ITEM_AND_WAREHOUSE = Comparator.comparing(StockDelta::itemId)
            .thenComparing(StockDelta::warehouseId);

    /** Changes warehouse rows: the locking CTE takes every row in (item, warehouse) order before any changes. */
    private static final String CHANGE_WAREHOUSE_STOCK = """
            WITH d AS (SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::int[]) AS t(item_id, warehouse_id, quantity)),
                 locked AS (SELECT s.item_id, s.warehouse_id FROM warehouse_stock s
                            JOIN d ON d.item_id = s.item_id AND d.warehouse_id = s.warehouse_id
                            ORDER BY s.item_id, s.warehouse_id FOR UPDATE OF s)
            UPDATE warehouse_stock s SET %s, updated_at = now()
            FROM d
            WHERE s.item_id = d.item_id AND s.warehouse_id = d.warehouse_id
              AND (s.item_id, s.warehouse_id) IN (SELECT item_id, warehouse_id FROM locked)
              AND %s
            """;

    @Inject
    Sql sql;

    /** New items start with an aggregated stock of 0 (and no warehouse rows until a receipt). */
    public void openItems(Collection<UUID> itemIds) {
        if (itemIds.isEmpty()) {
            return;
        }
        sql.update("""
                INSERT INTO item_stock (item_id, aggregated, updated_at)
                SELECT id, 0, now() FROM unnest(?::uuid[]) AS t(id) ORDER BY id""", Sql.array("uuid", itemIds));
    }

    /**
     * A checkout begins: takes each wanted quantity that is still there in full (aggregated −), leaves the
     * others. Locks the rows in item order, then decrements those that have enough in one statement.
     */
    public Reservation reserve(Map<UUID, Integer> wanted) {
        SortedMap<UUID, Integer> ordered = new TreeMap<>(wanted);
        Map<UUID, Integer> before = sql.map(
                "SELECT item_id, aggregated FROM item_stock WHERE item_id = ANY (?) ORDER BY item_id FOR UPDATE",
                row -> row.getObject(1, UUID.class), row -> row.getInt(2), Sql.array("uuid", ordered.keySet()));
        SortedMap<UUID, Integer> taken = takeInFull(ordered, before);
        SortedMap<UUID, Integer> deltas = new TreeMap<>();
        taken.forEach((item, quantity) -> deltas.put(item, -quantity));
        if (!deltas.isEmpty() && sql.run(connection -> changeAggregated(connection, deltas)) != deltas.size()) {
            throw new IllegalStateException("Locked stock rows changed under the lock");
        }
        return new Reservation(taken, before);
    }

    /**
     * Reserved units return to aggregated stock: a checkout cancelled or expired, a customer order cancelled.
     */
    public void release(Map<UUID, Integer> quantities) {
        if (quantities.isEmpty()) {
            return;
        }
        int changed = sql.run(connection -> changeAggregated(connection, new TreeMap<>(quantities)));
        if (changed != quantities.size()) {
            throw new IllegalStateException("Stock rows of " + quantities.keySet() + " are missing; nothing released");
        }
    }

    /** One receipt: see {@link #receive(List)}. */
    public WarehouseStockLevel receive(UUID itemId, UUID warehouseId, int quantity) {
        return receive(List.of(new StockDelta(itemId, warehouseId, quantity))).get(0);
    }

    /**
     * Goods arrive: physical, available and aggregated stock rise together (a warehouse row is created on the
     * first receipt). Each item must have its aggregated row ({@link #openItems}).
     *
     * @return the warehouse rows after the change, one per distinct (item, warehouse), in (item, warehouse) order
     */
    public List<WarehouseStockLevel> receive(List<StockDelta> deltas) {
        SortedMap<UUID, Integer> items = perItem(deltas);
        List<StockDelta> rows = byRow(deltas);
        if (rows.isEmpty()) {
            return List.of();
        }
        try {
            return receiveRows(rows, items);
        } catch (RuntimeException e) {
            if (Sql.hasSqlState(e, "22003")) {
                // integer overflow of a stock number: the caller's transaction ends with this exception
                throw ApiException.validation("quantity", "This receipt would take the item's stock beyond "
                        + Integer.MAX_VALUE + " units");
            }
            throw e;
        }
    }

    private List<WarehouseStockLevel> receiveRows(List<StockDelta> rows, SortedMap<UUID, Integer> items) {
        return sql.runAfterFlush(connection -> {
            List<WarehouseStockLevel> levels = new ArrayList<>(rows.size());
            Map<List<UUID>, WarehouseStockLevel> after = new HashMap<>();
            sql.list("""
                    INSERT INTO warehouse_stock (item_id, warehouse_id, physical, available, updated_at)
                    SELECT item_id, warehouse_id, quantity, quantity, now()
                    FROM unnest(?::uuid[], ?::uuid[], ?::int[]) AS t(item_id, warehouse_id, quantity)
                    ORDER BY item_id, warehouse_id
                    ON CONFLICT (item_id, warehouse_id) DO UPDATE SET
                        physical = warehouse_stock.physical + excluded.physical,
                        available = warehouse_stock.available + excluded.available,
                        updated_at = excluded.updated_at
                    RETURNING item_id, warehouse_id, physical, available""",
                    row -> {
                        UUID item = row.getObject(1, UUID.class);
                        return after.put(List.of(item, row.getObject(2, UUID.class)),
                                new WarehouseStockLevel(item, row.getInt(3), row.getInt(4)));
                    },
                    deltaArrays(rows));
            rows.forEach(row -> levels.add(after.get(List.of(row.itemId(), row.warehouseId()))));
            if (changeAggregated(connection, items) != items.size()) {
                throw new IllegalStateException("Aggregated stock rows of " + items.keySet() + " are missing");
            }
            return levels;
        });
    }

    /**
     * Goods are lost: physical, available and aggregated stock fall together, or nothing changes and the loss is
     * refused with 409 {@code INSUFFICIENT_STOCK}: the warehouse has less than that available, or the item's
     * aggregated stock is smaller (the rest is promised to customers' checkouts and orders). The caller's
     * transaction must end with the exception (it does: it propagates), since the warehouse row may have changed.
     */
    public WarehouseStockLevel lose(UUID itemId, UUID warehouseId, int quantity) {
        return sql.runAfterFlush(connection -> {
            WarehouseStockLevel level = sql.optional("""
                    UPDATE warehouse_stock SET physical = physical - ?, available = available - ?, updated_at = now()
                    WHERE item_id = ? AND warehouse_id = ? AND available >= ?
                    RETURNING physical, available""",
                    row -> new WarehouseStockLevel(itemId, row.getInt(1), row.getInt(2)),
                    quantity, quantity, itemId, warehouseId, quantity)
                    .orElseThrow(() -> insufficient(itemId, warehouseId, quantity));
            if (changeAggregated(connection, new TreeMap<>(Map.of(itemId, -quantity))) != 1) {
                throw insufficient(itemId, warehouseId, quantity);
            }
            return level;
        });
    }

    /** Assignment promises stock to warehouse orders (available −): all of it, or (false) none changed. */
    public boolean promise(List<StockDelta> deltas) {
        return changeWarehouseStock(deltas, "available = s.available - d.quantity", "s.available >= d.quantity");
    }

    /** Cancelled warehouse orders' promises end: their stock is available again (available +). */
    public void unpromise(List<StockDelta> deltas) {
        if (!changeWarehouseStock(deltas, "available = s.available + d.quantity", "TRUE")) {
            throw new IllegalStateException("Warehouse stock rows are missing; nothing returned");
        }
    }

    /** Shipped goods leave the shelves (physical −; available was promised away at assignment). */
    public boolean ship(List<StockDelta> deltas) {
        return changeWarehouseStock(deltas, "physical = s.physical - d.quantity",
                "s.physical - d.quantity >= s.available");
    }

    /** Whether every (item, warehouse) row of the deltas changed; deltas of one row are added up first. */
    private boolean changeWarehouseStock(List<StockDelta> deltas, String set, String condition) {
        List<StockDelta> rows = byRow(deltas);
        if (rows.isEmpty()) {
            return true;
        }
        int changed = sql.update(CHANGE_WAREHOUSE_STOCK.formatted(set, condition), deltaArrays(rows));
        return changed == rows.size();
    }

    /**
     * What a reservation takes: each wanted quantity in full where the item's aggregated stock holds that much
     * (an item without a stock row holds none), nothing of it otherwise; in item order.
     */
    static SortedMap<UUID, Integer> takeInFull(Map<UUID, Integer> wanted, Map<UUID, Integer> aggregated) {
        SortedMap<UUID, Integer> taken = new TreeMap<>();
        wanted.forEach((item, quantity) -> {
            if (aggregated.getOrDefault(item, 0) >= quantity) {
                taken.put(item, quantity);
            }
        });
        return taken;
    }

    /** Receipts added up per item (the aggregated rows they raise), in item order; each of at least one unit. */
    static SortedMap<UUID, Integer> perItem(List<StockDelta> receipts) {
        SortedMap<UUID, Integer> items = new TreeMap<>();
        for (StockDelta delta : receipts) {
            if (delta.quantity() < 1) {
                throw new IllegalArgumentException("A receipt is of at least one unit: " + delta);
            }
            items.merge(delta.itemId(), delta.quantity(), Integer::sum);
        }
        return items;
    }

    /**
     * The deltas summed per (item, warehouse), one per row, sorted. The statements still lock with their own
     * ORDER BY: Java's UUID order (signed) is not PostgreSQL's (unsigned bytes) for every id.
     */
    static List<StockDelta> byRow(List<StockDelta> deltas) {
        SortedMap<StockDelta, Integer> rows = new TreeMap<>(BY_ITEM_AND_WAREHOUSE);
        deltas.forEach(delta -> rows.merge(new StockDelta(delta.itemId(), delta.warehouseId(), 0), delta.quantity(),
                Integer::sum));
        return rows.entrySet().stream()
                .map(row -> new StockDelta(row.getKey().itemId(), row.getKey().warehouseId(), row.getValue()))
                .toList();
    }

    /**
     * Adds a signed delta to each item's aggregated stock where the result stays at or above zero; the number of
     * rows changed tells the caller whether every one did. The locking CTE takes the rows in item order first.
     */
    private static int changeAggregated(Connection connection, SortedMap<UUID, Integer> deltas) throws SQLException {
        return Sql.update(connection, """
                WITH c AS (SELECT * FROM unnest(?::uuid[], ?::int[]) AS t(item_id, delta)),
                     locked AS (SELECT s.item_id FROM item_stock s JOIN c USING (item_id)
                                ORDER BY s.item_id FOR UPDATE OF s)
                UPDATE item_stock s SET aggregated = s.aggregated + c.delta, updated_at = now()
                FROM c
                WHERE s.item_id = c.item_id AND s.item_id IN (SELECT item_id FROM locked)
                  AND s.aggregated + c.delta >= 0
                """, Sql.array("uuid", deltas.keySet()), Sql.array("int4", deltas.values()));
    }

    /** The (item, warehouse, quantity) columns of the deltas as the three array parameters of an unnest. */
    private static Object[] deltaArrays(List<StockDelta> deltas) {
        return new Object[] {
                Sql.array("uuid", deltas.stream().map(StockDelta::itemId).toList()),
                Sql.array("uuid", deltas.stream().map(StockDelta::warehouseId).toList()),
                Sql.array("int4", deltas.stream().map(StockDelta::quantity).toList()) };
    }

    private static ApiException insufficient(UUID itemId, UUID warehouseId, int quantity) {
        return ApiException.conflict(ErrorCode.INSUFFICIENT_STOCK, "Cannot remove " + quantity + " of item " + itemId
                + " from warehouse " + warehouseId + ": less than that is free (the rest is promised to customers)",
                Map.of("itemId", itemId, "warehouseId", warehouseId, "requested", quantity));
    }
}
