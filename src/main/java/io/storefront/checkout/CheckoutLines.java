package io.storefront.checkout;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.shared.db.Sql;

/** The reserved lines of checkouts ({@code checkout_line}), written and read set-wise. */
@ApplicationScoped
class CheckoutLines {

    @Inject
    Sql sql;

    /** A new checkout's row and its reserved lines (plain SQL: the hot path keeps no entity to flush). */
    void insert(Checkout checkout, List<ReservedLine> lines) {
        sql.update("""
                INSERT INTO checkout (id, customer_id, status, created_at, expires_at, total_amount, currency)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", checkout.id, checkout.customerId, checkout.status.name(),
                checkout.createdAt, checkout.expiresAt, checkout.totalAmount, checkout.currency);
        insertLines(checkout.id, lines);
    }

    private void insertLines(UUID checkoutId, List<ReservedLine> lines) {
        sql.update("""
                INSERT INTO checkout_line (checkout_id, item_id, quantity, unit_price_amount)
                SELECT ?, * FROM unnest(?::uuid[], ?::int[], ?::bigint[])""",
                checkoutId,
                Sql.array("uuid", lines.stream().map(ReservedLine::itemId).toList()),
                Sql.array("int4", lines.stream().map(ReservedLine::quantity).toList()),
                Sql.array("int8", lines.stream().map(ReservedLine::unitPriceAmount).toList()));
    }

    List<ReservedLine> of(UUID checkoutId) {
        return sql.list("""
                SELECT item_id, quantity, unit_price_amount FROM checkout_line
                WHERE checkout_id = ? ORDER BY item_id""",
                row -> new ReservedLine(row.getObject(1, UUID.class), row.getInt(2), row.getLong(3)), checkoutId);
    }

    /** Total reserved quantity per item over some checkouts, in item order (what their release gives back). */
    Map<UUID, Integer> quantities(Collection<UUID> checkoutIds) {
        return new TreeMap<>(sql.map(
                "SELECT item_id, sum(quantity) FROM checkout_line WHERE checkout_id = ANY (?) GROUP BY item_id",
                row -> row.getObject(1, UUID.class), row -> row.getInt(2), Sql.array("uuid", checkoutIds)));
    }
}
