package io.storefront.catalog;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.storefront.catalog.search.SearchEngines;
import io.storefront.catalog.search.SearchRequest;
import io.storefront.catalog.search.SearchSort;
import io.storefront.catalog.search.Suggestion;
import io.storefront.shared.error.ApiException;
import io.storefront.shared.web.Money;
import io.storefront.shared.web.Page;
import io.storefront.shared.ShopConfig;
import io.storefront.shared.db.Sql;
import io.storefront.shared.db.Transactions;
import io.storefront.stock.StockLevels;
import io.storefront.stock.StockMoves;

/** The catalog: search and item views with live stock, and the admin's item maintenance. */
@ApplicationScoped
public class CatalogService {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    static final long MAX_PRICE = 100_000_000_00L;

    @Inject
    LiveSearchPages livePages;

    @Inject
    SearchEngines engines;

    @Inject
    ItemViews itemViews;

    @Inject
    StockLevels stock;

    @Inject
    StockMoves stockMoves;

    @Inject
    ShopConfig config;

    @Inject
    Sql sql;

    @Inject
    Clock clock;

    public Page<ItemView> search(String rawQuery, SearchSort sort, Long minPrice, Long maxPrice, int limit,
            String cursor) {
        if (minPrice != null && maxPrice != null && minPrice > maxPrice) {
            throw ApiException.validation("minPrice", "'minPrice' may not be above 'maxPrice'");
        }
        return livePages.page(new SearchRequest(normalize(rawQuery), sort, minPrice, maxPrice, limit, cursor));
    }

    /** Completions for a search box; an empty or one-letter query has none. */
    public List<Suggestion> suggest(String rawQuery, int limit) {
        String query = normalize(rawQuery);
        return query.codePointCount(0, query.length()) < 2 ? List.of() : engines.suggest(query, limit);
    }

    public ItemView item(UUID id) {
        List<ItemView> views = itemViews.of(List.of(id));
        if (views.isEmpty()) {
            throw ApiException.notFound("Item " + id);
        }
        return views.get(0);
    }

    /**
     * Creates an item. The row's change sequence (set by a trigger, see V2 migration) brings it into every
     * replica's search index within a second; nothing here talks to the index.
     */
    public ItemView create(ItemRequest request) {
        ItemRequest valid = validate(request);
        return Transactions.retrying("Item create", () -> insert(valid));
    }

    public ItemView update(UUID id, ItemRequest request) {
        ItemRequest valid = validate(request);
        return Transactions.retrying("Item update", () -> change(id, valid));
    }

    private ItemView insert(ItemRequest valid) {
        Item item = Item.create(valid.name(), valid.description(), valid.price().amount(), valid.price().currency(),
                clock.instant());
        item.persist();
        stockMoves.openItems(List.of(item.id));
        Log.infof("Item %s created: %s", item.id, item.name);
        return new ItemView(item.id, item.name, item.description, Money.of(item.priceAmount, item.currency),
                StockView.of(0));
    }

    private ItemView change(UUID id, ItemRequest valid) {
        Item item = Item.<Item>findByIdOptional(id).orElseThrow(() -> ApiException.notFound("Item " + id));
        item.describe(valid.name(), valid.description(), valid.price().amount(), valid.price().currency(),
                clock.instant());
        Log.infof("Item %s updated", id);
        return new ItemView(item.id, item.name, item.description, Money.of(item.priceAmount, item.currency),
                StockView.of(stock.aggregated(List.of(id)).getOrDefault(id, 0)));
    }

    String normalize(String rawQuery) {
        if (rawQuery == null) {
            return "";
        }
        if (rawQuery.codePointCount(0, rawQuery.length()) > config.search().maxQueryLength()) {
            throw ApiException.validation("q", "'q' may be at most " + config.search().maxQueryLength() + " characters");
        }
        String withoutControls = CONTROL.matcher(rawQuery).replaceAll(" ");
        return SPACES.matcher(withoutControls).replaceAll(" ").trim();
    }

    private ItemRequest validate(ItemRequest request) {
        if (request == null) {
            throw ApiException.validation("body", "A request body is required");
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw ApiException.validation("name", "'name' is required and at most 200 characters");
        }
        String description = request.description() == null ? "" : request.description().strip();
        if (description.length() > 5000) {
            throw ApiException.validation("description", "'description' may be at most 5000 characters");
        }
        Money price = request.price();
        if (price == null || price.amount() == null) {
            throw ApiException.validation("price.amount", "'price.amount' is required");
        }
        if (price.amount() < 0 || price.amount() > MAX_PRICE) {
            throw ApiException.validation("price.amount", "'price.amount' must be between 0 and " + MAX_PRICE);
        }
        String currency = price.currency() == null ? config.currency() : price.currency();
        if (!currency.equals(config.currency())) {
            throw ApiException.validation("price.currency", "'price.currency' must be " + config.currency());
        }
        return new ItemRequest(name, description, Money.of(price.amount(), currency));
    }
}
