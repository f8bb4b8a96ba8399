package io.storefront.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.shared.web.Money;
import io.storefront.shared.db.Sql;
import io.storefront.stock.StockLevels;

/**
 * Items as the API shows them, read fresh from PostgreSQL with their live stock in one primary-key read: an item
 * view, and every page of search results (the search engines return ids only, so what a shopper sees is never
 * older than this read).
 */
@ApplicationScoped
class ItemViews {

    @Inject
    Sql sql;

    /** The views of the given items in the given order; unknown ids are left out. */
    List<ItemView> of(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, ItemView> byId = new HashMap<>();
        sql.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT i.id, i.name, i.description, i.price_amount, i.currency, %s
                    FROM item i
                    WHERE i.id = ANY (?)""".formatted(StockLevels.aggregatedOf("i.id")))) {
                select.setArray(1, Sql.uuids(connection, ids));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        UUID id = rows.getObject(1, UUID.class);
                        byId.put(id, new ItemView(id, rows.getString(2), rows.getString(3),
                                Money.of(rows.getLong(4), rows.getString(5)), StockView.of(rows.getInt(6))));
                    }
                }
                return null;
            }
        });
        List<ItemView> views = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            ItemView view = byId.get(id);
            if (view != null) {
                views.add(view);
            }
        }
        return views;
    }
}
