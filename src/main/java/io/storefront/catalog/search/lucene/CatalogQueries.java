package io.storefront.catalog.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.StringHelper;

import io.storefront.catalog.search.QueryText;
import io.storefront.catalog.search.QueryText.Token;
import io.storefront.catalog.search.SearchRequest;

/**
 * Turns what a shopper typed into a Lucene query, with the semantics the PostgreSQL engine has
 * ({@code websearch_to_tsquery}): every word must match, {@code "quoted words"} match as a phrase, {@code -word}
 * and {@code -"a phrase"} exclude, {@code a or b} accepts either. A word matches its English stem in the name or
 * the description (one field, {@code text}, where the name counts twice); the last word also matches as the
 * beginning of a name's word (the word being typed); a word found as typed in the name ranks higher; a word of 4+ letters that the index does not know (a typo) matches name words one edit away, 8+
 * letters two edits. Words the index knows are taken as typed: fuzzy expansion is the most expensive part of a
 * query, and a known word is rarely a typo. Words with digits are never fuzzy: "model 123456" must not find 123457.
 */
final class CatalogQueries {

    static final float PREFIX_BOOST = QueryText.PREFIX_BOOST;
    static final float FUZZY_BOOST = QueryText.FUZZY_BOOST;
    private static final int FUZZY_EXPANSIONS = QueryText.FUZZY_EXPANSIONS;
    /** Names' words beginning with the typed word that are looked at before the prefix is taken as needed. */
    private static final int PREFIX_TERMS_CHECKED = 32;
    private static final int FUZZY_PREFIX = QueryText.FUZZY_PREFIX;
    static final int MAX_TOKENS = QueryText.MAX_TOKENS;

    private final Analyzer english = ItemDocuments.english();
    private final Analyzer plain = ItemDocuments.plain();
    private final QueryBuilder phrases = new QueryBuilder(english);

    /**
     * The query for a search text with a price filter, or null when the text holds nothing searchable.
     *
     * @param reader the index the query will run on: it tells which words are known
     */
    Query search(SearchRequest request, IndexReader reader) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean matchesAll = request.listsCatalog() || !addText(query, request.query(), reader);
        if (matchesAll && !request.listsCatalog()) {
            return null;
        }
        if (matchesAll) {
            query.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        if (request.filtersPrice()) {
            query.add(org.apache.lucene.document.LongPoint.newRangeQuery(ItemDocuments.PRICE,
                    request.minPrice() == null ? Long.MIN_VALUE : request.minPrice(),
                    request.maxPrice() == null ? Long.MAX_VALUE : request.maxPrice()), Occur.FILTER);
        }
        return query.build();
    }

    /** Names holding every typed word as the beginning of one of their words; null when nothing was typed. */
    Query suggest(String text) {
        List<String> all = analyze(plain, text);
        List<String> words = all.size() > MAX_TOKENS ? all.subList(all.size() - MAX_TOKENS, all.size()) : all;
        if (words.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String word : words) {
            query.add(new TermQuery(new Term(ItemDocuments.NAME_PREFIX, word)), Occur.MUST);
        }
        return query.build();
    }

    /** Adds the clauses of the text; false when it holds no word that can match (only exclusions count as match-all). */
    private boolean addText(BooleanQuery.Builder query, String text, IndexReader reader) throws IOException {
        QueryText.Combined<Query> clauses = QueryText.combine(text, new QueryText.Clauses<>() {
            @Override
            public Query word(String word, boolean last) throws IOException {
                return CatalogQueries.this.word(word, last, query, reader);
            }

            @Override
            public Query phrase(String phrase) {
                return CatalogQueries.this.phrase(phrase);
            }

            @Override
            public List<Query> excluded(Token token) {
                return matches(token);
            }

            @Override
            public Query either(Query a, Query b) {
                return new BooleanQuery.Builder().add(a, Occur.SHOULD).add(b, Occur.SHOULD).build();
            }
        });
        clauses.excluded().forEach(clause -> query.add(clause, Occur.MUST_NOT));
        clauses.required().forEach(clause -> query.add(clause, Occur.MUST));
        if (clauses.required().isEmpty() && !clauses.excluded().isEmpty()) {
            query.add(new MatchAllDocsQuery(), Occur.MUST);
            return true;
        }
        return !clauses.required().isEmpty();
    }

    /** A typed word (which may hold several words to the analyzer, like "usb-c"): each must match. */
    private Query word(String text, boolean last, BooleanQuery.Builder top, IndexReader reader) throws IOException {
        List<String> words = analyze(plain, text);
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int clauses = 0;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean typing = last && i == words.size() - 1;
            Query clause = oneWord(word, typing, reader);
            if (clause != null) {
                all.add(clause, Occur.MUST);
                clauses++;
                // The word as typed in the name ranks above a stem or the description: "headphones" puts Wireless
                // Headphones above a Headphone Stand whose description mentions headphones.
                top.add(new TermQuery(new Term(ItemDocuments.NAME_PLAIN, word)), Occur.SHOULD);
            } else if (typing) {
                // A stop word as the last word may be the start of another word: it may help, it may not narrow.
                top.add(new TermQuery(new Term(ItemDocuments.NAME_PREFIX, word)), Occur.SHOULD);
            }
        }
        if (clauses == 0) {
            return null;
        }
        BooleanQuery built = all.build();
        return clauses == 1 ? built.clauses().get(0).getQuery() : built;
    }

    private Query oneWord(String word, boolean typing, IndexReader reader) throws IOException {
        String stem = first(analyze(english, word));
        if (stem == null) {
            return null;
        }
        // A known word on its own is a single term: the fast path of a conjunction. Alternatives cost, and are
        // added only where they can find something: the word being typed, a word the index does not know.
        Term known = new Term(ItemDocuments.TEXT, stem);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int alternatives = 0;
        if (typing && prefixFindsMore(word, stem, reader)) {
            any.add(new BoostQuery(new TermQuery(new Term(ItemDocuments.NAME_PREFIX, word)), PREFIX_BOOST),
                    Occur.SHOULD);
            alternatives++;
        }
        int edits = edits(word);
        if (edits > 0 && reader.docFreq(known) == 0) {
            any.add(new BoostQuery(new FuzzyQuery(new Term(ItemDocuments.NAME_PLAIN, word), edits, FUZZY_PREFIX,
                    FUZZY_EXPANSIONS, true), FUZZY_BOOST), Occur.SHOULD);
            alternatives++;
        }
        if (alternatives == 0) {
            return new TermQuery(known);
        }
        any.add(new TermQuery(known), Occur.SHOULD);
        return any.build();
    }

    /**
     * Whether names hold a word that begins with the typed word but has another stem ("lamp" → "lampshade"): only
     * then can the prefix clause find an item the stem does not, since every name is also in {@code text} and a name
     * word's stem is the stem of its plain form. When the typed word is already a whole word ("kettle": the plain
     * terms from "kettle" on are "kettle" and "kettles"), the stem alone finds the same items, at a fraction of the
     * cost of a disjunction. Short prefixes that begin many words are not looked into.
     */
    private boolean prefixFindsMore(String word, String stem, IndexReader reader) throws IOException {
        BytesRef prefix = new BytesRef(word);
        int seen = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms terms = leaf.reader().terms(ItemDocuments.NAME_PLAIN);
            if (terms == null) {
                continue;
            }
            TermsEnum plainTerms = terms.iterator();
            if (plainTerms.seekCeil(prefix) == TermsEnum.SeekStatus.END) {
                continue;
            }
            for (BytesRef term = plainTerms.term(); term != null && StringHelper.startsWith(term, prefix);
                    term = plainTerms.next()) {
                if (++seen > PREFIX_TERMS_CHECKED || !stem.equals(first(analyze(english, term.utf8ToString())))) {
                    return true;
                }
            }
        }
        return false;
    }

    static int edits(String word) {
        return QueryText.edits(word);
    }

    /** A phrase in the name or the description (never across both); null when it holds only stop words. */
    private Query phrase(String text) {
        return phrases.createPhraseQuery(ItemDocuments.TEXT, text);
    }

    /** What an excluded word or phrase must not match. */
    private List<Query> matches(Token token) {
        if (token.phrase()) {
            Query phrase = phrase(token.text());
            return phrase == null ? List.of() : List.of(phrase);
        }
        List<Query> excluded = new ArrayList<>();
        for (String stem : analyze(english, token.text())) {
            excluded.add(new TermQuery(new Term(ItemDocuments.TEXT, stem)));
        }
        return excluded;
    }

    static List<String> analyze(Analyzer analyzer, String text) {
        return ItemDocuments.analyze(analyzer, text);
    }

    private static String first(List<String> terms) {
        return terms.isEmpty() ? null : terms.get(0);
    }
}
