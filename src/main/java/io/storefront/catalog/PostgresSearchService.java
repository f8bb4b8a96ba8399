package io.storefront.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.shared.Money;
import io.storefront.shared.Paging;
import io.storefront.shared.Sql;

/**
 * Search on PostgreSQL: full-text search over name and description ({@code websearch_to_tsquery}, so quotes,
 * {@code -} and {@code or} behave as users expect), prefix matching for partly typed words, and trigram word
 * similarity of every query word to the name for small typos. Ranked by relevance, then by id, and keyset-paginated on that order.
 */
@ApplicationScoped
public class PostgresSearchService implements SearchService {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int MAX_WORDS = 8;

    private static final String SEARCH = """
            SELECT id, name, description, price_amount, currency, score FROM (
              SELECT i.id, i.name, i.description, i.price_amount, i.currency,
                     (2 * ts_rank_cd(i.search_document, websearch_to_tsquery('english', ?))
                      + ts_rank_cd(i.search_document, to_tsquery('english', ?))
                      + word_similarity(?, i.name))::float8 AS score
              FROM item i
              WHERE i.search_document @@ websearch_to_tsquery('english', ?)
                 OR i.search_document @@ to_tsquery('english', ?)
                 OR %s
            ) hits
            WHERE ?::float8 IS NULL OR score < ? OR (score = ? AND id > ?::uuid)
            ORDER BY score DESC, id
            LIMIT ?
            """;

    private static final String LIST = """
            SELECT id, name, description, price_amount, currency FROM item
            WHERE ?::text IS NULL OR (name, id) > (?, ?::uuid)
            ORDER BY name, id
            LIMIT ?
            """;

    @Inject
    Sql sql;

    @Override
    public SearchHits search(String query, int limit, String cursor) {
        return query.isEmpty() ? list(limit, cursor) : rank(query, limit, cursor);
    }

    private SearchHits rank(String query, int limit, String cursor) {
        Double afterScore = null;
        UUID afterId = null;
        if (cursor != null) {
            List<String> parts = Paging.parts(cursor, 3);
            if (!parts.get(0).equals("s")) {
                throw io.storefront.shared.ApiException.validation("cursor", "'cursor' belongs to another list");
            }
            afterScore = parseScore(parts.get(1));
            afterId = parseId(parts.get(2));
        }
        List<String> words = words(query);
        String prefix = words.stream().map(word -> word + ":*").collect(Collectors.joining(" & "));
        // Typo tolerance: every word must be close to some word of the name (one GIN-indexed test per word).
        String similarNames = words.isEmpty() ? "FALSE"
                : words.stream().map(word -> "? <% i.name").collect(Collectors.joining(" AND ", "(", ")"));
        Double score = afterScore;
        UUID id = afterId;
        return sql.run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SEARCH.formatted(similarNames))) {
                int p = 0;
                statement.setString(++p, query);
                statement.setString(++p, prefix);
                statement.setString(++p, query);
                statement.setString(++p, query);
                statement.setString(++p, prefix);
                for (String word : words) {
                    statement.setString(++p, word);
                }
                setDouble(statement, ++p, score);
                setDouble(statement, ++p, score);
                setDouble(statement, ++p, score);
                statement.setObject(++p, id);
                statement.setInt(++p, limit + 1);
                List<ItemSummary> items = new ArrayList<>();
                List<Double> scores = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        items.add(summary(rows));
                        scores.add(rows.getDouble(6));
                    }
                }
                if (items.size() <= limit) {
                    return new SearchHits(items, null);
                }
                ItemSummary last = items.get(limit - 1);
                return new SearchHits(List.copyOf(items.subList(0, limit)),
                        Paging.cursor("s", scores.get(limit - 1), last.id()));
            }
        });
    }

    private SearchHits list(int limit, String cursor) {
        String afterName = null;
        UUID afterId = null;
        if (cursor != null) {
            List<String> parts = Paging.parts(cursor, 3);
            if (!parts.get(0).equals("n")) {
                throw io.storefront.shared.ApiException.validation("cursor", "'cursor' belongs to another list");
            }
            afterName = parts.get(1);
            afterId = parseId(parts.get(2));
        }
        String name = afterName;
        UUID id = afterId;
        return sql.run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(LIST)) {
                statement.setString(1, name);
                statement.setString(2, name);
                statement.setObject(3, id);
                statement.setInt(4, limit + 1);
                List<ItemSummary> items = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        items.add(summary(rows));
                    }
                }
                var page = Paging.page(items, limit, last -> Paging.cursor("n", last.name(), last.id()));
                return new SearchHits(page.items(), page.nextCursor());
            }
        });
    }

    /**
     * The words of a query: letters and digits only, so that {@code "wirel headph"} can safely become the
     * prefix query {@code "wirel:* & headph:*"}; operators and punctuation never reach to_tsquery.
     */
    static List<String> words(String query) {
        return WORD.matcher(query.toLowerCase(Locale.ROOT)).results()
                .map(java.util.regex.MatchResult::group)
                .distinct()
                .limit(MAX_WORDS)
                .toList();
    }

    private static ItemSummary summary(ResultSet rows) throws SQLException {
        return new ItemSummary(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                Money.of(rows.getLong(4), rows.getString(5)));
    }

    private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static double parseScore(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw io.storefront.shared.ApiException.validation("cursor", "'cursor' is not a cursor this list returned");
        }
    }

    private static UUID parseId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw io.storefront.shared.ApiException.validation("cursor", "'cursor' is not a cursor this list returned");
        }
    }
}
