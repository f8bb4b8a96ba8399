package io.storefront.catalog.search;

import java.util.List;
import java.util.ArrayList;
import java.util.Locale;

/**
 * What a shopper typed, split the way every engine reads it ({@code websearch_to_tsquery}'s syntax): words,
 * {@code "quoted phrases"}, {@code -exclusions} and {@code or}. Shared by the Lucene and OpenSearch engines so that
 * both read a query alike.
 */
public final class QueryText {

    /**
     * Words, phrases and exclusions of a query beyond this are ignored, as the PostgreSQL engine ignores words after
     * its eighth: with up to 50 fuzzy expansions per word, a 200-character query of long words would otherwise
     * exceed the 1,024 clauses a Lucene query may have.
     */
    public static final int MAX_TOKENS = 12;

    /** Weight of the word being typed matched as the beginning of a name's word. */
    public static final float PREFIX_BOOST = 1f;
    /** Weight of a name word one or two edits from a word the index does not know. */
    public static final float FUZZY_BOOST = 0.5f;
    /** Name words a misspelt word may stand for. */
    public static final int FUZZY_EXPANSIONS = 50;
    /** Typos are rarely in the first letter; keeping it fixed makes fuzzy matching an order of magnitude cheaper. */
    public static final int FUZZY_PREFIX = 1;

    private QueryText() {
    }

    /** The tokens of a text, the first {@link #MAX_TOKENS} of them. */
    public static List<Token> tokens(String text) {
        List<Token> parsed = Token.parse(text);
        return parsed.size() > MAX_TOKENS ? parsed.subList(0, MAX_TOKENS) : parsed;
    }

    /** How an engine turns the parts of a text into its own query clauses. */
    public interface Clauses<Q> {
        /** The clause of a typed word, or null when it holds nothing searchable; {@code last}: the word being typed. */
        Q word(String text, boolean last) throws java.io.IOException;

        /** The clause of a quoted phrase, or null when it holds only stop words. */
        Q phrase(String text);

        /** What an excluded word or phrase must not match. */
        List<Q> excluded(Token token);

        /** A clause that matches when either matches ({@code a or b}). */
        Q either(Q a, Q b);
    }

    /**
     * A text's clauses: every required one must match, no excluded one may. Required empty with exclusions means
     * "everything but"; both empty, nothing searchable.
     */
    public record Combined<Q>(List<Q> required, List<Q> excluded) {
    }

    /**
     * Reads a text the way every engine does: words and phrases are required, {@code -word} and {@code -"phrase"}
     * excluded, {@code a or b} accepts either, and the last plain word is the one being typed.
     */
    public static <Q> Combined<Q> combine(String text, Clauses<Q> clauses) throws java.io.IOException {
        List<Token> tokens = tokens(text);
        int lastWord = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).phrase() && !tokens.get(i).negated() && !tokens.get(i).isOr()) {
                lastWord = i;
            }
        }
        List<Q> required = new ArrayList<>();
        List<Q> excluded = new ArrayList<>();
        boolean pendingOr = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isOr() && !required.isEmpty()) {
                pendingOr = true;
                continue;
            }
            if (token.negated()) {
                excluded.addAll(clauses.excluded(token));
                continue;
            }
            Q clause = token.phrase() ? clauses.phrase(token.text()) : clauses.word(token.text(), i == lastWord);
            if (clause == null) {
                continue;
            }
            if (pendingOr) {
                clause = clauses.either(required.remove(required.size() - 1), clause);
                pendingOr = false;
            }
            required.add(clause);
        }
        return new Combined<>(required, excluded);
    }

    /** Edit distance forgiven for a word: none below 4 letters or with digits, 1 from 4 letters, 2 from 8. */
    public static int edits(String word) {
        if (word.chars().anyMatch(Character::isDigit)) {
            return 0;
        }
        int letters = word.codePointCount(0, word.length());
        return letters >= 8 ? 2 : letters >= 4 ? 1 : 0;
    }

    /** A word or a quoted phrase of the text, maybe negated with a leading '-'. */
    public record Token(String text, boolean phrase, boolean negated) {

        public boolean isOr() {
            return !phrase && !negated && text.toLowerCase(Locale.ROOT).equals("or");
        }

        public static List<Token> parse(String text) {
            List<Token> tokens = new ArrayList<>();
            int i = 0;
            int length = text.length();
            while (i < length) {
                if (Character.isWhitespace(text.charAt(i))) {
                    i++;
                    continue;
                }
                boolean negated = false;
                if (text.charAt(i) == '-' && i + 1 < length && !Character.isWhitespace(text.charAt(i + 1))) {
                    negated = true;
                    i++;
                }
                if (text.charAt(i) == '"') {
                    int end = text.indexOf('"', i + 1);
                    end = end < 0 ? length : end;
                    tokens.add(new Token(text.substring(i + 1, end), true, negated));
                    i = end + 1;
                } else {
                    int end = i;
                    while (end < length && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
                        end++;
                    }
                    tokens.add(new Token(text.substring(i, end), false, negated));
                    i = end;
                }
            }
            return tokens;
        }
    }
}
