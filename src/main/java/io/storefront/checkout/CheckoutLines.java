package io.storefront.checkout;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.shared.Sql;

/** The reserved lines of checkouts ({@code checkout_line}), written and read set-wise. */
@ApplicationScoped
class CheckoutLines {

    @Inject
    Sql sql;

    void insert(UUID checkoutId, List<ReservedLine> lines) {
        sql.runAfterFlush(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO checkout_line (checkout_id, item_id, quantity, unit_price_amount)
                    SELECT ?, * FROM unnest(?::uuid[], ?::int[], ?::bigint[])""")) {
                insert.setObject(1, checkoutId);
                insert.setArray(2, Sql.uuids(connection, lines.stream().map(ReservedLine::itemId).toList()));
                insert.setArray(3, Sql.ints(connection, lines.stream().map(ReservedLine::quantity).toList()));
                insert.setArray(4, connection.createArrayOf("int8",
                        lines.stream().map(ReservedLine::unitPriceAmount).toArray()));
                return insert.executeUpdate();
            }
        });
    }

    List<ReservedLine> of(UUID checkoutId) {
        return sql.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT item_id, quantity, unit_price_amount FROM checkout_line
                    WHERE checkout_id = ? ORDER BY item_id""")) {
                select.setObject(1, checkoutId);
                List<ReservedLine> lines = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        lines.add(new ReservedLine(rows.getObject(1, UUID.class), rows.getInt(2), rows.getLong(3)));
                    }
                }
                return lines;
            }
        });
    }

    /** Total reserved quantity per item over some checkouts, in item order (what their release gives back). */
    Map<UUID, Integer> quantities(Collection<UUID> checkoutIds) {
        return sql.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT item_id, sum(quantity) FROM checkout_line
                    WHERE checkout_id = ANY (?) GROUP BY item_id""")) {
                select.setArray(1, Sql.uuids(connection, checkoutIds));
                Map<UUID, Integer> quantities = new TreeMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        quantities.put(rows.getObject(1, UUID.class), rows.getInt(2));
                    }
                }
                return quantities;
            }
        });
    }
}
