package io.storefront.catalog;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.shared.db.Sql;

/**
 * Adding many items at once, in the caller's transaction: the dev mode's sample catalog. Their stock rows are
 * {@code StockMoves.openItems}' to write, their stock {@code StockMoves.receive}'s.
 */
@ApplicationScoped
public class CatalogImport {

    @Inject
    Sql sql;

    public record NewItem(UUID id, String name, String description, long priceAmount, String currency) {
    }

    /** Whether the catalog holds no item at all. */
    public boolean isEmpty() {
        return !sql.one("SELECT EXISTS (SELECT 1 FROM item)", row -> row.getBoolean(1));
    }

    /** One statement for all of them (the change feed's trigger stamps each row, as for any other item write). */
    public void insertAll(List<NewItem> items) {
        if (items.isEmpty()) {
            return;
        }
        sql.update("""
                INSERT INTO item (id, name, description, price_amount, currency, created_at, updated_at)
                SELECT id, name, description, price_amount, currency, now(), now()
                FROM unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[], ?::text[])
                     AS t(id, name, description, price_amount, currency)""",
                Sql.array("uuid", items.stream().map(NewItem::id).toList()),
                Sql.array("text", items.stream().map(NewItem::name).toList()),
                Sql.array("text", items.stream().map(NewItem::description).toList()),
                Sql.array("int8", items.stream().map(NewItem::priceAmount).toList()),
                Sql.array("text", items.stream().map(NewItem::currency).toList()));
    }
}
