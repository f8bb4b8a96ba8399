package io.storefront.catalog.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

import io.storefront.catalog.search.ItemChangeFeed.ItemRow;

/**
 * The index's fields and analyzers, named the way an OpenSearch mapping would name them (docs/SEARCH.md):
 * <ul>
 * <li>{@code text}: the name twice and the description, with English analysis (stemming, stop words), scored with
 * BM25. One field rather than a name field and a description field: a query is then a conjunction of single
 * terms, which Lucene answers with block-max WAND, rather than a conjunction of per-field disjunctions, which
 * costs it far more at a million items (docs/SEARCH.md). The name's second copy is what weighs the name above the description: a word
 * of the name counts at least twice. The values are {@value #VALUE_GAP} positions apart, so a phrase never spans
 * the end of the name and the start of the description;</li>
 * <li>{@code name.plain}: the name's words unstemmed, lowercased and ASCII-folded, for typo tolerance (fuzzy terms
 * must be compared with what was typed, not with stems: "headphonex" is two edits from the stem "headphon");</li>
 * <li>{@code name.prefix}: every prefix of every word of the name (edge n-grams), for the word being typed and
 * for suggestions, with no multi-term expansion at query time;</li>
 * <li>{@code price} (points, doc values), {@code id} (term, doc values for ties and the result),
 * {@code name.sort} (doc values for the catalog listing and suggestions).</li>
 * </ul>
 * Nothing is stored: a search returns ids (from doc values), and the page's items are read from PostgreSQL with
 * their stock in the one primary-key read a page needs anyway. That keeps the index small (it is memory-mapped and
 * counts towards the process's memory) and the results never staler than the database.
 * Bump {@link #LAYOUT} when any of this changes: an index of another layout is rebuilt at start.
 */
public final class ItemDocuments {

    /** The layout of documents and analyzers; stored in every index commit. */
    public static final String LAYOUT = "4";

    public static final String ID = "id";
    public static final String TEXT = "text";
    public static final String NAME_PLAIN = "name.plain";
    public static final String NAME_PREFIX = "name.prefix";
    public static final String NAME_SORT = "name.sort";
    public static final String PRICE = "price";

    static final int MAX_PREFIX = 20;
    /** Positions between the values of {@code text}: more than any phrase a shopper types. */
    static final int VALUE_GAP = 100;

    /** Words matched one by one (typos, prefixes): no positions, since no phrase is ever asked of them. */
    private static final FieldType WORDS = new FieldType(TextField.TYPE_NOT_STORED);

    static {
        WORDS.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        WORDS.freeze();
    }

    private ItemDocuments() {
    }

    /**
     * English analysis: what {@code text} is indexed and searched with. Lucene's {@code EnglishAnalyzer} with ASCII
     * folding after lowercasing, as in {@link #plain()}: "cafe" finds "Café", and the stem of a word is always the
     * stem of its plain form, which lets a query tell from the plain terms whether a prefix can find more than a
     * stem does ({@link CatalogQueries}).
     */
    public static Analyzer english() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer words = new StandardTokenizer();
                TokenStream stream = new EnglishPossessiveFilter(words);
                stream = new ASCIIFoldingFilter(new LowerCaseFilter(stream));
                stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                return new TokenStreamComponents(words, new PorterStemFilter(stream));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(in));
            }
        };
    }

    /** Words as typed, lowercased and without accents: {@code name.plain}, and the query side of prefixes. */
    public static Analyzer plain() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer words = new StandardTokenizer();
                TokenStream folded = new ASCIIFoldingFilter(new LowerCaseFilter(words));
                return new TokenStreamComponents(words, folded);
            }
        };
    }

    /** Every prefix (1 to 20 characters) of every plain word, for {@code name.prefix} at index time. */
    static Analyzer prefixes() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer words = new StandardTokenizer();
                TokenStream folded = new ASCIIFoldingFilter(new LowerCaseFilter(words));
                return new TokenStreamComponents(words, new EdgeNGramTokenFilter(folded, 1, MAX_PREFIX, true));
            }
        };
    }

    /** The analyzer an index writer needs: English by default, plain and prefixes on their fields. */
    static Analyzer indexing() {
        Analyzer english = english();
        Map<String, Analyzer> byField = Map.of(NAME_PLAIN, plain(), NAME_PREFIX, prefixes());
        return new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                return byField.getOrDefault(fieldName, english);
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                return VALUE_GAP;
            }
        };
    }

    /** The terms an analyzer makes of a text. */
    public static List<String> analyze(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analysis of a String does no I/O
        }
        return terms;
    }

    static Document of(ItemRow item) {
        Document document = new Document();
        String id = item.id().toString();
        document.add(new StringField(ID, id, Field.Store.NO));
        document.add(new SortedDocValuesField(ID, new BytesRef(id)));
        document.add(new TextField(TEXT, item.name(), Field.Store.NO));
        document.add(new TextField(TEXT, item.name(), Field.Store.NO));
        document.add(new TextField(TEXT, item.description(), Field.Store.NO));
        document.add(new Field(NAME_PLAIN, item.name(), WORDS));
        document.add(new Field(NAME_PREFIX, item.name(), WORDS));
        document.add(new SortedDocValuesField(NAME_SORT, new BytesRef(item.name())));
        document.add(new LongPoint(PRICE, item.priceAmount()));
        document.add(new NumericDocValuesField(PRICE, item.priceAmount()));
        return document;
    }
}
