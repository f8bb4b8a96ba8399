package io.storefront.catalog.search.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

import io.storefront.catalog.search.ItemChangeFeed.ItemRow;
import io.storefront.catalog.search.SearchCursor;
import io.storefront.catalog.search.SearchRequest;
import io.storefront.catalog.search.SearchService.SearchHits;
import io.storefront.catalog.search.Suggestion;

/**
 * One Lucene index of the catalog: a writer that takes item rows, and near-real-time searchers over what it holds.
 * Searches are thread-safe; writes come from one thread (the {@link CatalogIndex}'s indexer). Changes become
 * searchable on {@link #refresh()} and durable on {@link #commit}; until a refresh, searchers keep seeing the
 * previous view, so a full rebuild ({@link #deleteAll()}, re-add, refresh) never shows a half-built index.
 */
final class LuceneCatalog implements Closeable {

    private static final SortField BY_ID = new SortField(ItemDocuments.ID, SortField.Type.STRING);
    private static final Sort BY_RELEVANCE = new Sort(SortField.FIELD_SCORE, BY_ID);
    private static final Sort BY_NAME = new Sort(new SortField(ItemDocuments.NAME_SORT, SortField.Type.STRING), BY_ID);
    private static final Sort BY_PRICE_UP = new Sort(new SortField(ItemDocuments.PRICE, SortField.Type.LONG), BY_ID);
    private static final Sort BY_PRICE_DOWN = new Sort(new SortField(ItemDocuments.PRICE, SortField.Type.LONG, true),
            BY_ID);

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final CatalogQueries queries = new CatalogQueries();

    private LuceneCatalog(Directory directory, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * Opens the index in a directory, or creates an empty one.
     *
     * @param bufferMb memory for documents not yet written to a segment: what bounds the heap of a rebuild
     */
    static LuceneCatalog open(Directory directory, int bufferMb, boolean create) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(ItemDocuments.indexing())
                .setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(bufferMb)
                .setCommitOnClose(false);
        IndexWriter writer = new IndexWriter(directory, config);
        try {
            return new LuceneCatalog(directory, writer);
        } catch (IOException | RuntimeException e) {
            writer.rollback();
            throw e;
        }
    }

    /** What the last commit recorded (empty for a new index). */
    Map<String, String> commitData() {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(entry -> data.put(entry.getKey(), entry.getValue()));
        }
        return data;
    }

    void upsert(ItemRow item) throws IOException {
        writer.updateDocument(new Term(ItemDocuments.ID, item.id().toString()), ItemDocuments.of(item));
    }

    void add(ItemRow item) throws IOException {
        writer.addDocument(ItemDocuments.of(item));
    }

    void deleteAll() throws IOException {
        writer.deleteAll();
    }

    /**
     * Starts merging the index into one segment on the writer's merge threads and returns at once: a rebuild on
     * several threads leaves several segments, and every segment adds to every query's cost. Searches and updates
     * go on meanwhile; the merged segment becomes visible at a later {@link #refresh()}.
     */
    void mergeInBackground() throws IOException {
        writer.forceMerge(1, false);
    }

    /** Makes what was written so far (and merged since) searchable; cheap when nothing changed. */
    void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Makes what was written so far durable, with the given facts (watermark, epoch) in the commit. */
    void commit(Map<String, String> data) throws IOException {
        writer.setLiveCommitData(Map.copyOf(data).entrySet());
        writer.commit();
    }

    boolean hasUncommittedChanges() {
        return writer.hasUncommittedChanges();
    }

    int documents() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    long sizeBytes() throws IOException {
        long size = 0;
        for (String file : directory.listAll()) {
            try {
                size += directory.fileLength(file);
            } catch (java.nio.file.NoSuchFileException e) {
                // merged away while we counted
            }
        }
        return size;
    }

    SearchHits search(SearchRequest request) throws IOException {
        SearchCursor cursor = SearchCursor.of(request);
        String kind = SearchCursor.kind(request);
        Sort sort = switch (kind) {
            case "s" -> BY_RELEVANCE;
            case "n" -> BY_NAME;
            case "pa" -> BY_PRICE_UP;
            default -> BY_PRICE_DOWN;
        };
        IndexSearcher searcher = searchers.acquire();
        try {
            Query query = queries.search(request, searcher.getIndexReader());
            if (query == null) {
                return new SearchHits(List.of(), null);
            }
            FieldDoc after = null;
            if (cursor != null) {
                Object key = switch (kind) {
                    case "s" -> (float) cursor.score();
                    case "n" -> new BytesRef(cursor.name());
                    default -> cursor.price();
                };
                // The after-document is the reader's last: a hit that ties on every sort value (the cursor's own
                // item) is then taken as already returned.
                int last = Math.max(0, searcher.getIndexReader().maxDoc() - 1);
                after = new FieldDoc(last, Float.NaN, new Object[] { key, new BytesRef(cursor.id().toString()) });
            }
            // Every sort ends with the id, so each hit carries its id and its sort value: nothing is read per hit.
            int wanted = request.limit() + 1;
            TopDocs top = searcher.search(query, new TopFieldCollectorManager(sort.rewrite(searcher), wanted, after,
                    wanted, false));
            List<UUID> ids = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc hit : top.scoreDocs) {
                ids.add(id((FieldDoc) hit));
            }
            if (ids.size() <= request.limit()) {
                return new SearchHits(ids, null);
            }
            FieldDoc lastHit = (FieldDoc) top.scoreDocs[request.limit() - 1];
            Object key = switch (kind) {
                case "s" -> ((Float) lastHit.fields[0]).doubleValue();
                case "n" -> ((BytesRef) lastHit.fields[0]).utf8ToString();
                default -> lastHit.fields[0];
            };
            return new SearchHits(List.copyOf(ids.subList(0, request.limit())),
                    SearchCursor.after(request, key, id(lastHit)));
        } finally {
            searchers.release(searcher);
        }
    }

    private static UUID id(FieldDoc hit) {
        return UUID.fromString(((BytesRef) hit.fields[hit.fields.length - 1]).utf8ToString());
    }

    List<Suggestion> suggest(String text, int limit) throws IOException {
        Query query = queries.suggest(text);
        if (query == null) {
            return List.of();
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            // Several items share a name ("Red Kettle" in two sizes): read a few more and keep each name once.
            TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(limit * 3, null, limit * 3, false));
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            Map<String, Suggestion> distinct = new LinkedHashMap<>();
            for (ScoreDoc hit : top.scoreDocs) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
                String name = value(leaf, ItemDocuments.NAME_SORT, hit.doc - leaf.docBase);
                distinct.putIfAbsent(name.toLowerCase(Locale.ROOT),
                        new Suggestion(name, UUID.fromString(value(leaf, ItemDocuments.ID, hit.doc - leaf.docBase))));
                if (distinct.size() == limit) {
                    break;
                }
            }
            return List.copyOf(distinct.values());
        } finally {
            searchers.release(searcher);
        }
    }

    /** A document's value of a sorted doc-values field (every document has one of each). */
    private static String value(LeafReaderContext leaf, String field, int doc) throws IOException {
        SortedDocValues values = DocValues.getSorted(leaf.reader(), field);
        if (!values.advanceExact(doc)) {
            throw new IllegalStateException("Document without " + field);
        }
        return values.lookupOrd(values.ordValue()).utf8ToString();
    }

    /** Closes without committing: what is not committed is re-applied from the change feed after a restart. */
    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            writer.rollback();
        }
    }
}
