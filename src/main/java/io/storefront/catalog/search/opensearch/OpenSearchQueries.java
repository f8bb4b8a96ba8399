package io.storefront.catalog.search.opensearch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.lucene.analysis.Analyzer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.storefront.catalog.search.QueryText;
import io.storefront.catalog.search.QueryText.Token;
import io.storefront.catalog.search.SearchRequest;
import io.storefront.catalog.search.lucene.ItemDocuments;

/**
 * Turns what a shopper typed into OpenSearch's query DSL with the Lucene engine's semantics (see
 * {@code CatalogQueries}): every word must match its English stem in {@code text}; {@code "phrases"},
 * {@code -exclusions} and {@code or} as there; the last word also as the beginning of a name's word; a word as typed
 * in the name ranks higher; typos of 4+ letters match name words one edit away, 8+ letters two.
 *
 * <p>Words are analyzed here, with the very analyzers the Lucene engine indexes with, and sent as terms: the index's
 * analyzers (opensearch/items-index.json) are the same chain, so a term means the same on both engines. As there, a
 * word is matched fuzzily only when the index does not know it: the caller finds out which of
 * {@link #stemsToCheck} are known (one small request, cached) and passes that in. One difference: the Lucene engine
 * adds the word being typed as a prefix only when names hold a longer word of another stem; here it always is (one
 * cheap term on {@code name.prefix}), since finding out would mean reading the cluster's term dictionary.
 */
final class OpenSearchQueries {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Analyzer english = ItemDocuments.english();
    private final Analyzer plain = ItemDocuments.plain();

    /**
     * The stems of the words that would be matched fuzzily if the index did not know them (4+ letters, no digits):
     * what the caller asks the index about before {@link #search}.
     */
    Set<String> stemsToCheck(SearchRequest request) {
        Set<String> stems = new LinkedHashSet<>();
        if (request.listsCatalog()) {
            return stems;
        }
        for (Token token : QueryText.tokens(request.query())) {
            if (token.phrase() || token.negated()) {
                continue;
            }
            for (String word : analyze(plain, token.text())) {
                List<String> stem = analyze(english, word);
                if (QueryText.edits(word) > 0 && !stem.isEmpty()) {
                    stems.add(stem.get(0));
                }
            }
        }
        return stems;
    }

    /**
     * The {@code query} of a search, or null when the text holds nothing searchable.
     *
     * @param known whether the index knows a stem of {@link #stemsToCheck} (an unknown one is probably a typo)
     */
    ObjectNode search(SearchRequest request, Predicate<String> known) {
        ObjectNode bool = JSON.objectNode();
        boolean matchesAll = request.listsCatalog() || !addText(bool, request.query(), known);
        if (matchesAll && !request.listsCatalog()) {
            return null;
        }
        if (matchesAll) {
            array(bool, "must").addObject().putObject("match_all");
        }
        if (request.filtersPrice()) {
            ObjectNode range = array(bool, "filter").addObject().putObject("range").putObject(ItemDocuments.PRICE);
            if (request.minPrice() != null) {
                range.put("gte", request.minPrice());
            }
            if (request.maxPrice() != null) {
                range.put("lte", request.maxPrice());
            }
        }
        ObjectNode query = JSON.objectNode();
        query.set("bool", bool);
        return query;
    }

    /** Names holding every typed word as the beginning of one of their words; null when nothing was typed. */
    ObjectNode suggest(String text) {
        List<String> all = analyze(plain, text);
        List<String> words = all.size() > QueryText.MAX_TOKENS ? all.subList(all.size() - QueryText.MAX_TOKENS,
                all.size()) : all;
        if (words.isEmpty()) {
            return null;
        }
        ObjectNode query = JSON.objectNode();
        ArrayNode must = query.putObject("bool").putArray("must");
        words.forEach(word -> must.add(term(ItemDocuments.NAME_PREFIX, word)));
        return query;
    }

    private boolean addText(ObjectNode bool, String text, Predicate<String> known) {
        QueryText.Combined<ObjectNode> clauses;
        try {
            clauses = QueryText.combine(text, new QueryText.Clauses<>() {
                @Override
                public ObjectNode word(String word, boolean last) {
                    return OpenSearchQueries.this.word(word, last, bool, known);
                }

                @Override
                public ObjectNode phrase(String phrase) {
                    return OpenSearchQueries.this.phrase(phrase);
                }

                @Override
                public List<ObjectNode> excluded(Token token) {
                    return matches(token);
                }

                @Override
                public ObjectNode either(ObjectNode a, ObjectNode b) {
                    return anyOf(List.of(a, b));
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // these clauses read no index
        }
        clauses.excluded().forEach(clause -> array(bool, "must_not").add(clause));
        clauses.required().forEach(clause -> array(bool, "must").add(clause));
        if (clauses.required().isEmpty() && !clauses.excluded().isEmpty()) {
            array(bool, "must").addObject().putObject("match_all");
            return true;
        }
        return !clauses.required().isEmpty();
    }

    /** A typed word (which may hold several words to the analyzer, like "usb-c"): each must match. */
    private ObjectNode word(String text, boolean last, ObjectNode top, Predicate<String> known) {
        List<String> words = analyze(plain, text);
        List<ObjectNode> all = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean typing = last && i == words.size() - 1;
            ObjectNode clause = oneWord(word, typing, known);
            if (clause != null) {
                all.add(clause);
                array(top, "should").add(term(ItemDocuments.NAME_PLAIN, word));
            } else if (typing) {
                array(top, "should").add(term(ItemDocuments.NAME_PREFIX, word));
            }
        }
        if (all.isEmpty()) {
            return null;
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        ObjectNode bool = JSON.objectNode();
        ArrayNode must = bool.putObject("bool").putArray("must");
        all.forEach(must::add);
        return bool;
    }

    private ObjectNode oneWord(String word, boolean typing, Predicate<String> known) {
        List<String> stems = analyze(english, word);
        if (stems.isEmpty()) {
            return null;
        }
        List<ObjectNode> any = new ArrayList<>();
        any.add(term(ItemDocuments.TEXT, stems.get(0)));
        if (typing) {
            ObjectNode prefix = term(ItemDocuments.NAME_PREFIX, word);
            ((ObjectNode) prefix.get("term").get(ItemDocuments.NAME_PREFIX)).put("boost", QueryText.PREFIX_BOOST);
            any.add(prefix);
        }
        int edits = QueryText.edits(word);
        if (edits > 0 && !known.test(stems.get(0))) {
            ObjectNode fuzzy = JSON.objectNode();
            fuzzy.putObject("fuzzy").putObject(ItemDocuments.NAME_PLAIN)
                    .put("value", word)
                    .put("fuzziness", edits)
                    .put("prefix_length", QueryText.FUZZY_PREFIX)
                    .put("max_expansions", QueryText.FUZZY_EXPANSIONS)
                    .put("transpositions", true)
                    .put("boost", QueryText.FUZZY_BOOST);
            any.add(fuzzy);
        }
        return any.size() == 1 ? any.get(0) : anyOf(any);
    }

    /** A phrase in the name or the description; null when it holds only stop words (it then narrows nothing). */
    private ObjectNode phrase(String text) {
        List<String> terms = analyze(english, text);
        if (terms.isEmpty()) {
            return null;
        }
        ObjectNode phrase = JSON.objectNode();
        phrase.putObject("match_phrase").putObject(ItemDocuments.TEXT).put("query", text)
                .put("analyzer", "storefront_english");
        return phrase;
    }

    private List<ObjectNode> matches(Token token) {
        if (token.phrase()) {
            ObjectNode phrase = phrase(token.text());
            return phrase == null ? List.of() : List.of(phrase);
        }
        List<ObjectNode> excluded = new ArrayList<>();
        for (String stem : analyze(english, token.text())) {
            excluded.add(term(ItemDocuments.TEXT, stem));
        }
        return excluded;
    }

    private static ObjectNode anyOf(List<ObjectNode> clauses) {
        ObjectNode bool = JSON.objectNode();
        ArrayNode should = bool.putObject("bool").putArray("should");
        clauses.forEach(should::add);
        return bool;
    }

    private static ObjectNode term(String field, String value) {
        ObjectNode term = JSON.objectNode();
        term.putObject("term").putObject(field).put("value", value);
        return term;
    }

    private static ArrayNode array(ObjectNode bool, String occur) {
        return bool.has(occur) ? (ArrayNode) bool.get(occur) : bool.putArray(occur);
    }

    private static List<String> analyze(Analyzer analyzer, String text) {
        return ItemDocuments.analyze(analyzer, text);
    }
}
