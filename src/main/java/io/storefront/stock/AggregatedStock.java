package io.storefront.stock;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.shared.Sql;

/**
 * The aggregated (sellable) stock of items: the first of DOMAIN.md's three stock numbers. Every change is a
 * conditional, set-based statement; multi-item changes lock rows in ascending item id order, so concurrent
 * checkouts of the same items cannot deadlock.
 */
@ApplicationScoped
public class AggregatedStock {

    @Inject
    Sql sql;

    /** Current aggregated stock of the given items (items without a stock row are absent). */
    public Map<UUID, Integer> levels(Collection<UUID> itemIds) {
        if (itemIds.isEmpty()) {
            return Map.of();
        }
        return sql.run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT item_id, aggregated FROM item_stock WHERE item_id = ANY (?)")) {
                statement.setArray(1, Sql.uuids(connection, itemIds));
                Map<UUID, Integer> levels = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        levels.put(rows.getObject(1, UUID.class), rows.getInt(2));
                    }
                }
                return levels;
            }
        });
    }

    /**
     * Takes every wanted quantity that is still there, in one transaction with the caller: locks the rows in
     * ascending item id order, then decrements those that have enough in one statement.
     *
     * @return for each wanted item, the stock it had when locked; the caller learns what was taken from
     *         {@link Reservation#taken()}
     */
    public Reservation take(Map<UUID, Integer> wanted) {
        SortedMap<UUID, Integer> ordered = new TreeMap<>(wanted);
        return sql.run(connection -> {
            Map<UUID, Integer> before = new HashMap<>();
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT item_id, aggregated FROM item_stock WHERE item_id = ANY (?) ORDER BY item_id FOR UPDATE")) {
                lock.setArray(1, Sql.uuids(connection, ordered.keySet()));
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        before.put(rows.getObject(1, UUID.class), rows.getInt(2));
                    }
                }
            }
            SortedMap<UUID, Integer> taken = new TreeMap<>();
            ordered.forEach((item, quantity) -> {
                if (before.getOrDefault(item, 0) >= quantity) {
                    taken.put(item, quantity);
                }
            });
            if (!taken.isEmpty()) {
                int updated = change(connection, taken, -1);
                if (updated != taken.size()) {
                    throw new IllegalStateException("Locked stock rows changed under the lock");
                }
            }
            return new Reservation(taken, before);
        });
    }

    /** Returns quantities to aggregated stock (checkout cancelled or expired, order cancelled, receipt). */
    public void give(Map<UUID, Integer> quantities) {
        if (quantities.isEmpty()) {
            return;
        }
        int changed = sql.run(connection -> change(connection, new TreeMap<>(quantities), 1));
        if (changed != quantities.size()) {
            throw new IllegalStateException("Stock rows of " + quantities.keySet() + " are missing; nothing given back");
        }
    }

    private static int change(java.sql.Connection connection, SortedMap<UUID, Integer> quantities, int sign)
            throws java.sql.SQLException {
        List<Integer> deltas = new ArrayList<>();
        quantities.values().forEach(quantity -> deltas.add(sign * quantity));
        // The locking CTE takes the row locks in ascending item id order before any row changes, so two
        // transactions touching the same items always queue instead of deadlocking.
        try (PreparedStatement update = connection.prepareStatement("""
                WITH c AS (SELECT * FROM unnest(?::uuid[], ?::int[]) AS t(item_id, delta)),
                     locked AS (SELECT s.item_id FROM item_stock s JOIN c USING (item_id)
                                ORDER BY s.item_id FOR UPDATE OF s)
                UPDATE item_stock s SET aggregated = s.aggregated + c.delta, updated_at = now()
                FROM c
                WHERE s.item_id = c.item_id AND s.item_id IN (SELECT item_id FROM locked)
                  AND s.aggregated + c.delta >= 0
                """)) {
            update.setArray(1, Sql.uuids(connection, quantities.keySet()));
            update.setArray(2, Sql.ints(connection, deltas));
            return update.executeUpdate();
        }
    }

    /** What a {@link #take} found and took. */
    public record Reservation(SortedMap<UUID, Integer> taken, Map<UUID, Integer> before) {

        public int availableBefore(UUID itemId) {
            return before.getOrDefault(itemId, 0);
        }
    }
}
