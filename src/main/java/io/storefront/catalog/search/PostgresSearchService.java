package io.storefront.catalog.search;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.storefront.shared.web.Paging;
import io.storefront.shared.db.Sql;

/**
 * Search on PostgreSQL: full-text search over name and description ({@code websearch_to_tsquery}, so quotes,
 * {@code -} and {@code or} behave as users expect), prefix matching for partly typed words, and trigram word
 * similarity of every query word to the name for small typos. Ranked by relevance (or price), then by id, and
 * keyset-paginated on that order.
 *
 * <p>Correct at any size, but it scores every match before it can return the best twenty, so broad words on a
 * large catalog take hundreds of milliseconds (docs/SEARCH.md). It is the configured alternative
 * ({@code shop.search.engine=postgres}) and what answers while the Lucene index is being built.
 */
@ApplicationScoped
@Typed(PostgresSearchService.class)
public class PostgresSearchService implements SearchService {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int MAX_WORDS = 8;

    private static final String MATCHES = """
            SELECT i.id, i.name, i.description, i.price_amount, i.currency,
                   (2 * ts_rank_cd(i.search_document, websearch_to_tsquery('english', ?))
                    + ts_rank_cd(i.search_document, to_tsquery('english', ?))
                    + word_similarity(?, i.name))::float8 AS score
            FROM item i
            WHERE (i.search_document @@ websearch_to_tsquery('english', ?)
               OR i.search_document @@ to_tsquery('english', ?)
               OR %s)
              AND (?::bigint IS NULL OR i.price_amount >= ?) AND (?::bigint IS NULL OR i.price_amount <= ?)
            """;

    private static final String CATALOG = """
            SELECT i.id, i.name, i.description, i.price_amount, i.currency, 0::float8 AS score
            FROM item i
            WHERE (?::bigint IS NULL OR i.price_amount >= ?) AND (?::bigint IS NULL OR i.price_amount <= ?)
            """;

    private static final String SUGGEST = """
            SELECT id, name FROM item
            WHERE search_document @@ to_tsquery('english', ?) AND %s
            ORDER BY word_similarity(?, name) DESC, length(name), id
            LIMIT ?
            """;

    @Inject
    Sql sql;

    @Override
    public SearchHits search(SearchRequest request) {
        SearchCursor cursor = SearchCursor.of(request);
        List<Object> parameters = new ArrayList<>();
        StringBuilder statement = new StringBuilder("SELECT * FROM (");
        if (request.listsCatalog()) {
            statement.append(CATALOG);
        } else {
            List<String> words = words(request.query());
            String prefix = prefixQuery(words);
            // Typo tolerance: every word must be close to some word of the name (one GIN-indexed test per word).
            String similarNames = words.isEmpty() ? "FALSE"
                    : words.stream().map(word -> "? <% i.name").collect(Collectors.joining(" AND ", "(", ")"));
            statement.append(MATCHES.formatted(similarNames));
            parameters.addAll(List.of(request.query(), prefix, request.query(), request.query(), prefix));
            parameters.addAll(words);
        }
        parameters.addAll(java.util.Arrays.asList(request.minPrice(), request.minPrice(), request.maxPrice(),
                request.maxPrice()));
        statement.append(") hits");
        if (cursor != null) {
            switch (cursor.kind()) {
                case "s" -> {
                    statement.append(" WHERE score < ? OR (score = ? AND id > ?)");
                    parameters.addAll(List.of(cursor.score(), cursor.score(), cursor.id()));
                }
                case "n" -> {
                    statement.append(" WHERE (name, id) > (?, ?)");
                    parameters.addAll(List.of(cursor.name(), cursor.id()));
                }
                case "pa" -> {
                    statement.append(" WHERE (price_amount, id) > (?, ?)");
                    parameters.addAll(List.of(cursor.price(), cursor.id()));
                }
                default -> {
                    statement.append(" WHERE price_amount < ? OR (price_amount = ? AND id > ?)");
                    parameters.addAll(List.of(cursor.price(), cursor.price(), cursor.id()));
                }
            }
        }
        statement.append(switch (SearchCursor.kind(request)) {
            case "s" -> " ORDER BY score DESC, id";
            case "n" -> " ORDER BY name, id";
            case "pa" -> " ORDER BY price_amount, id";
            default -> " ORDER BY price_amount DESC, id";
        });
        statement.append(" LIMIT ?");
        parameters.add(request.limit() + 1);
        return sql.run(connection -> {
            try (PreparedStatement select = connection.prepareStatement(statement.toString())) {
                bind(select, parameters);
                String kind = SearchCursor.kind(request);
                List<Hit> hits = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Object key = switch (kind) {
                            case "s" -> rows.getDouble(6);
                            case "n" -> rows.getString(2);
                            default -> rows.getLong(4);
                        };
                        hits.add(new Hit(rows.getObject(1, UUID.class), key));
                    }
                }
                var page = Paging.page(hits, request.limit(), last -> SearchCursor.after(request, last.key, last.id));
                return new SearchHits(page.items().stream().map(Hit::id).toList(), page.nextCursor());
            }
        });
    }

    private record Hit(UUID id, Object key) {
    }

    /**
     * Names that hold every word of the query, the last one as a prefix; ILIKE on the name's trigram index narrows
     * the full-text match down to names.
     */
    @Override
    public List<Suggestion> suggest(String query, int limit) {
        List<String> words = words(query);
        if (words.stream().mapToInt(String::length).sum() < 2) {
            return List.of();
        }
        String nameHolds = words.stream().map(word -> "name ILIKE ?").collect(Collectors.joining(" AND "));
        List<Object> parameters = new ArrayList<>();
        parameters.add(prefixQuery(words));
        words.forEach(word -> parameters.add("%" + word + "%"));
        parameters.add(query);
        parameters.add(limit * 3);
        Map<String, Suggestion> distinct = new LinkedHashMap<>();
        for (Suggestion suggestion : sql.list(SUGGEST.formatted(nameHolds),
                row -> new Suggestion(row.getString(2), row.getObject(1, UUID.class)), parameters.toArray())) {
            if (distinct.size() >= limit) {
                break;
            }
            distinct.putIfAbsent(suggestion.text().toLowerCase(Locale.ROOT), suggestion);
        }
        return List.copyOf(distinct.values());
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

    private static String prefixQuery(List<String> words) {
        return words.stream().map(word -> word + ":*").collect(Collectors.joining(" & "));
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value == null) {
                statement.setNull(i + 1, java.sql.Types.BIGINT);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
