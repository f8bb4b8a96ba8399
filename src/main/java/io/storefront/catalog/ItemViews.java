package io.storefront.catalog;

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
        sql.list("""
                SELECT i.id, i.name, i.description, i.price_amount, i.currency, %s
                FROM item i
                WHERE i.id = ANY (?)""".formatted(StockLevels.aggregatedOf("i.id")),
                row -> {
                    UUID id = row.getObject(1, UUID.class);
                    return byId.put(id, new ItemView(id, row.getString(2), row.getString(3),
                            Money.of(row.getLong(4), row.getString(5)), StockView.of(row.getInt(6))));
                },
                Sql.array("uuid", ids));
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
