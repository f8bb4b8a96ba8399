package io.storefront.cart;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.shared.db.Transactions;
import io.storefront.catalog.Item;
import io.storefront.catalog.StockView;
import io.storefront.shared.error.ApiException;
import io.storefront.shared.error.ErrorCode;
import io.storefront.shared.web.Money;
import io.storefront.shared.ShopConfig;
import io.storefront.shared.db.Sql;
import io.storefront.stock.StockLevels;

/**
 * One cart per customer, made of lines keyed by (customer, item); the cart exists as soon as it has a line.
 * Putting items in a cart changes no stock; it only checks that the stock is there right now.
 */
@ApplicationScoped
public class CartService {

    @Inject
    Sql sql;

    @Inject
    StockLevels stock;

    @Inject
    CheckoutGuard checkoutGuard;

    @Inject
    ShopConfig config;

    @Inject
    Clock clock;

    public CartView cart(UUID customerId) {
        List<CartView.Line> lines = sql.list("""
                SELECT l.item_id, i.name, l.quantity, i.price_amount, i.currency, %s
                FROM cart_line l
                %s
                WHERE l.customer_id = ?
                ORDER BY l.added_at, l.item_id""".formatted(StockLevels.aggregatedOf("l.item_id"),
                        Item.joinAs("i", "l.item_id")),
                row -> new CartView.Line(row.getObject(1, UUID.class), row.getString(2), row.getInt(3),
                        Money.of(row.getLong(4), row.getString(5)), StockView.of(row.getInt(6))),
                customerId);
        long total = 0;
        for (CartView.Line line : lines) {
            total += line.quantity() * line.unitPrice().amount();
        }
        return new CartView(lines, Money.of(total, config.currency()));
    }

    /** Sets the line to {@code quantity}; 0 removes it. */
    public CartView setQuantity(UUID customerId, UUID itemId, Integer quantity) {
        return Transactions.retrying("Cart line", () -> setQuantityNow(customerId, itemId, quantity));
    }

    private CartView setQuantityNow(UUID customerId, UUID itemId, Integer quantity) {
        int max = config.cart().maxQuantityPerLine();
        if (quantity == null) {
            throw ApiException.validation("quantity", "'quantity' is required");
        }
        if (quantity < 0 || quantity > max) {
            throw ApiException.validation("quantity", "'quantity' must be between 0 and " + max);
        }
        refuseDuringCheckout(customerId);
        Integer available = stock.aggregated(List.of(itemId)).get(itemId);
        if (available == null) {
            throw ApiException.notFound("Item " + itemId);
        }
        if (quantity == 0) {
            removeLine(customerId, itemId);
            return cart(customerId);
        }
        if (available < quantity) {
            throw ApiException.conflict(ErrorCode.OUT_OF_STOCK, "Only " + available + " left of item " + itemId,
                    Map.of("itemId", itemId, "available", available, "requested", quantity));
        }
        int lines = sql.update("""
                INSERT INTO cart_line (customer_id, item_id, quantity, added_at)
                SELECT ?, ?, ?, ?
                WHERE (SELECT count(*) FROM cart_line WHERE customer_id = ? AND item_id <> ?) < ?
                ON CONFLICT (customer_id, item_id) DO UPDATE SET quantity = excluded.quantity""",
                customerId, itemId, quantity, clock.instant(), customerId, itemId, config.cart().maxLines());
        if (lines == 0) {
            throw ApiException.conflict(ErrorCode.CART_FULL,
                    "A cart holds at most " + config.cart().maxLines() + " different items");
        }
        return cart(customerId);
    }

    public CartView remove(UUID customerId, UUID itemId) {
        return Transactions.retrying("Cart line removal", () -> removeNow(customerId, itemId));
    }

    private CartView removeNow(UUID customerId, UUID itemId) {
        refuseDuringCheckout(customerId);
        if (stock.aggregated(List.of(itemId)).isEmpty()) {
            throw ApiException.notFound("Item " + itemId);
        }
        removeLine(customerId, itemId);
        return cart(customerId);
    }

    /** Takes ordered items out of the cart (in the order's transaction). */
    public void removeOrdered(UUID customerId, Iterable<UUID> itemIds) {
        List<UUID> ids = new ArrayList<>();
        itemIds.forEach(ids::add);
        // No flush here (sql.update would flush the order's pending entities): the delete needs none of them.
        sql.run(connection -> Sql.update(connection,
                "DELETE FROM cart_line WHERE customer_id = ? AND item_id = ANY (?)", customerId, Sql.array("uuid", ids)));
    }

    private void refuseDuringCheckout(UUID customerId) {
        if (checkoutGuard.lockAndCheckActive(customerId)) {
            throw ApiException.conflict(ErrorCode.CHECKOUT_ACTIVE,
                    "The cart cannot change while a checkout is active; submit or cancel the checkout first");
        }
    }

    private void removeLine(UUID customerId, UUID itemId) {
        sql.update("DELETE FROM cart_line WHERE customer_id = ? AND item_id = ?", customerId, itemId);
    }
}
