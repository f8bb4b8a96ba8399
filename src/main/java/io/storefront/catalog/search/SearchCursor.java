package io.storefront.catalog.search;

import java.util.List;
import java.util.UUID;

import io.storefront.shared.error.ApiException;
import io.storefront.shared.web.Paging;

/**
 * Where the next page of a search starts: the sort key of the last item of a page and its id (ties are broken by
 * id). Both engines make and read the same cursors, so a client that pages on while this replica falls back from
 * one engine to the other gets no error. The kind names the order, so a cursor of another order is a 400.
 *
 * @param kind {@code s} relevance score, {@code n} name (catalog listing), {@code pa}/{@code pd} price up/down
 * @param key  the sort value of the last item, as text
 * @param id   the id of the last item
 */
public record SearchCursor(String kind, String key, UUID id) {

    /** The cursor of a request, or null on its first page; a cursor of another order or a forged one is a 400. */
    public static SearchCursor of(SearchRequest request) {
        if (request.cursor() == null) {
            return null;
        }
        List<String> parts = Paging.parts(request.cursor(), 3);
        if (!parts.get(0).equals(kind(request))) {
            throw ApiException.validation("cursor", "'cursor' belongs to another list");
        }
        try {
            SearchCursor cursor = new SearchCursor(parts.get(0), parts.get(1), UUID.fromString(parts.get(2)));
            switch (cursor.kind) {
                case "s" -> cursor.score();
                case "pa", "pd" -> cursor.price();
                default -> {
                    // a name is any text PostgreSQL can store: anything but NUL
                    if (cursor.key.indexOf('\u0000') >= 0) {
                        throw new IllegalArgumentException("not a name");
                    }
                }
            }
            return cursor;
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("cursor", "'cursor' is not a cursor this list returned");
        }
    }

    /**
     * The cursor that continues after the item {@code id}, whose sort value is {@code key}: its relevance score, its
     * name (catalog listing) or its price, as the request's order says.
     */
    public static String after(SearchRequest request, Object key, UUID id) {
        return Paging.cursor(kind(request), key, id);
    }

    public static String kind(SearchRequest request) {
        return switch (request.sort()) {
            case PRICE_ASC -> "pa";
            case PRICE_DESC -> "pd";
            case RELEVANCE -> request.listsCatalog() ? "n" : "s";
        };
    }

    public double score() {
        double score = Double.parseDouble(key);
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("not a score");
        }
        return score;
    }

    public long price() {
        return Long.parseLong(key);
    }

    public String name() {
        return key;
    }
}
