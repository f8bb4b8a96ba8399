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
