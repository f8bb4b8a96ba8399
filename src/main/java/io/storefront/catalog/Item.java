package io.storefront.catalog;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A catalog item. Its sellable stock lives in {@code item_stock} (see {@link io.storefront.stock.StockMoves}). */
@Entity
@Table(name = "item")
public class Item extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    public String description;

    @Column(name = "price_amount")
    public long priceAmount;

    public String currency;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * A SQL join for another feature's statement: the item whose id is in {@code itemIdColumn}, as {@code alias}
     * (columns {@code name}, {@code price_amount}, {@code currency}), so that a cart shows its lines' names and
     * current prices in its one query while this table stays catalog's.
     */
    public static String joinAs(String alias, String itemIdColumn) {
        return "JOIN item " + alias + " ON " + alias + ".id = " + itemIdColumn;
    }

    public static Item create(String name, String description, long priceAmount, String currency, Instant now) {
        Item item = new Item();
        item.id = UUID.randomUUID();
        item.createdAt = now;
        item.describe(name, description, priceAmount, currency, now);
        return item;
    }

    public void describe(String name, String description, long priceAmount, String currency, Instant now) {
        this.name = name;
        this.description = description;
        this.priceAmount = priceAmount;
        this.currency = currency;
        this.updatedAt = now;
    }
}
