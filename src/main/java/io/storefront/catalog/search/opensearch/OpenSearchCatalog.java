package io.storefront.catalog.search.opensearch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.storefront.catalog.search.ItemChangeFeed.ItemRow;
import io.storefront.catalog.search.SearchCursor;
import io.storefront.catalog.search.SearchRequest;
import io.storefront.catalog.search.SearchService.SearchHits;
import io.storefront.catalog.search.Suggestion;
import io.storefront.catalog.search.lucene.ItemDocuments;

/**
 * The catalog in an OpenSearch cluster: one index per full build, named {@code <alias>-v<layout>-<millis>}, and the
 * alias that searches go to, switched from one index to the next in one atomic step. Documents carry the item's
 * change sequence as an external version, so sending a change twice (a retry, a new indexer after a crash) is
 * refused by the cluster as already applied instead of being written again: each change is indexed exactly once.
 *
 * <p>Plain HTTP and JSON through the OpenSearch Java client's generic client; thread-safe. A cluster that cannot be
 * reached or answers 5xx/429 throws {@link Unavailable}; a request the cluster refuses as malformed is a bug and
 * throws {@link IllegalStateException}.
 */
public final class OpenSearchCatalog {

    /**
     * The layout of this engine's indices: the Lucene engine's documents and analyzers ({@link ItemDocuments#LAYOUT})
     * plus this engine's own fields ({@code seq}); part of every index's name and of its {@code _meta}.
     */
    public static final String LAYOUT = ItemDocuments.LAYOUT + ".1";

    private final OpenSearchGenericClient client;
    private final ObjectMapper json;
    private final String alias;
    private final OpenSearchQueries queries = new OpenSearchQueries();
    private final Cache<String, Boolean> knownStems = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(java.time.Duration.ofMinutes(10)).build();

    public OpenSearchCatalog(OpenSearchGenericClient client, ObjectMapper json, String alias) {
        this.client = client;
        this.json = json;
        this.alias = alias;
    }

    public String alias() {
        return alias;
    }

    /** A name for a new index of this layout: every full build gets its own. */
    public String newIndexName() {
        return alias + "-v" + LAYOUT + "-" + System.currentTimeMillis();
    }

    /** Whether an index name was made by this version's {@link #newIndexName()} (same alias, same layout). */
    public boolean currentLayout(String index) {
        return index != null && index.startsWith(alias + "-v" + LAYOUT + "-");
    }

    /** Creates an empty index with this version's settings, analyzers and mapping (opensearch/items-index.json). */
    public void createIndex(String index, int shards, int replicas, String refreshInterval) {
        ObjectNode body = layout();
        ObjectNode settings = (ObjectNode) body.get("settings");
        settings.put("number_of_shards", shards);
        settings.put("number_of_replicas", replicas);
        settings.put("refresh_interval", refreshInterval);
        ((ObjectNode) body.get("mappings").get("_meta")).put("layout", LAYOUT);
        call("PUT", "/" + index, body, 200);
    }

    /** The index and mapping definition, as docs/SEARCH.md shows it. */
    public ObjectNode layout() {
        try (InputStream in = OpenSearchCatalog.class.getResourceAsStream("/opensearch/items-index.json")) {
            return (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String index) {
        return call("HEAD", "/" + index, null, 200, 404).status == 200;
    }

    /** The index the alias points to, or null when there is no alias yet. */
    public String aliasTarget() {
        Answer answer = call("GET", "/_alias/" + alias, null, 200, 404);
        if (answer.status == 404) {
            return null;
        }
        Iterator<String> names = answer.body.fieldNames();
        return names.hasNext() ? names.next() : null;
    }

    /** Points the alias at {@code index} and away from any other in one atomic step: searches never see neither. */
    public void pointAliasAt(String index) {
        List<String> previous = new ArrayList<>();
        Answer current = call("GET", "/_alias/" + alias, null, 200, 404);
        if (current.status == 200) {
            current.body.fieldNames().forEachRemaining(previous::add);
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode actions = body.putArray("actions");
        for (String old : previous) {
            if (!old.equals(index)) {
                actions.addObject().putObject("remove").put("index", old).put("alias", alias);
            }
        }
        actions.addObject().putObject("add").put("index", index).put("alias", alias);
        call("POST", "/_aliases", body, 200);
    }

    /** Every index named after the alias ({@code <alias>-v*}) other than {@code keep}: old or unfinished builds. */
    public List<String> indicesBesides(String keep) {
        Answer answer = call("GET", "/_cat/indices/" + alias + "-v*?format=json&h=index", null, 200, 404);
        List<String> others = new ArrayList<>();
        for (JsonNode row : answer.body) {
            String name = row.path("index").asText();
            if (!name.equals(keep) && name.startsWith(alias + "-v")) {
                others.add(name);
            }
        }
        return others;
    }

    public void deleteIndex(String index) {
        call("DELETE", "/" + index, null, 200, 404);
    }

    /** Makes what was sent to {@code index} (or the alias) searchable now, rather than at the next refresh. */
    public void refresh(String index) {
        call("POST", "/" + index + "/_refresh", null, 200);
    }

    /** Changes an index setting, such as {@code refresh_interval} around a full build. */
    public void setting(String index, String name, String value) {
        ObjectNode body = json.createObjectNode();
        body.putObject("index").put(name, value);
        call("PUT", "/" + index + "/_settings", body, 200);
    }

    /**
     * Starts merging {@code index} into one segment and returns the task that does it: a bulk load leaves dozens of
     * segments, and every segment adds to every query's cost (fuzzy terms are expanded per segment).
     */
    public String startForceMerge(String index) {
        return call("POST", "/" + index + "/_forcemerge?max_num_segments=1&wait_for_completion=false", null, 200)
                .body.path("task").asText();
    }

    /** Whether a task started by the cluster (such as a force merge) has ended; a task the cluster forgot has. */
    public boolean taskDone(String task) {
        Answer answer = call("GET", "/_tasks/" + task, null, 200, 404);
        return answer.status == 404 || answer.body.path("completed").asBoolean();
    }

    public long count(String index) {
        return call("GET", "/" + index + "/_count", null, 200).body.path("count").asLong();
    }

    /** What one bulk request did: documents written, and changes the index already held (sent before). */
    public record Bulk(int written, int alreadyIndexed) {
    }

    /**
     * Sends rows to {@code index} in one bulk request, each versioned by its change sequence. A row whose version
     * the index already holds (or a newer one) counts as already indexed; any other refusal fails the whole call,
     * so the caller keeps its watermark and sends the batch again.
     */
    public Bulk bulk(String index, List<ItemRow> rows) {
        if (rows.isEmpty()) {
            return new Bulk(0, 0);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(rows.size() * 256);
        try {
            for (ItemRow row : rows) {
                ObjectNode action = json.createObjectNode();
                action.putObject("index").put("_index", index).put("_id", row.id().toString())
                        .put("version", row.seq()).put("version_type", "external");
                json.writeValue(body, action);
                body.write('\n');
                json.writeValue(body, document(row));
                body.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Answer answer = send("POST", "/_bulk", Body.from(body.toByteArray(), "application/x-ndjson"), 200);
        int written = 0;
        int already = 0;
        for (JsonNode item : answer.body.path("items")) {
            JsonNode result = item.path("index");
            int status = result.path("status").asInt();
            if (status == 200 || status == 201) {
                written++;
            } else if (status == 409) {
                already++;
            } else if (status == 429 || status >= 500) {
                throw new Unavailable("bulk item " + status + ": " + result.path("error"));
            } else {
                throw new IllegalStateException("OpenSearch refused item " + result.path("_id") + ": "
                        + result.path("error"));
            }
        }
        return new Bulk(written, already);
    }

    /** The document of an item: the same fields as the Lucene engine's, by the same names. */
    ObjectNode document(ItemRow row) {
        ObjectNode document = json.createObjectNode();
        document.put("id", row.id().toString());
        document.put("name", row.name());
        document.put("description", row.description());
        document.put("price", row.priceAmount());
        document.put("currency", row.currency());
        document.put("seq", row.seq());
        // The name twice and the description: a word of the name weighs at least twice (as in the Lucene index).
        document.putArray("text").add(row.name()).add(row.name()).add(row.description());
        return document;
    }

    /** The highest change sequence any document of {@code index} carries (0 when empty). */
    public long maxSequence(String index) {
        ObjectNode body = json.createObjectNode().put("size", 0).put("track_total_hits", false);
        body.putObject("aggs").putObject("seq").putObject("max").put("field", "seq");
        JsonNode value = call("POST", "/" + index + "/_search", body, 200).body.path("aggregations").path("seq")
                .path("value");
        return value.isNumber() ? value.asLong() : 0;
    }

    /** The version (change sequence) an item's document has, or -1 when the index does not hold it. */
    public long version(String index, UUID item) {
        Answer answer = call("GET", "/" + index + "/_doc/" + item, null, 200, 404);
        return answer.status == 404 ? -1 : answer.body.path("_version").asLong();
    }

    public SearchHits search(SearchRequest request) {
        SearchCursor cursor = SearchCursor.of(request);
        String kind = SearchCursor.kind(request);
        ObjectNode query = queries.search(request, known(queries.stemsToCheck(request))::contains);
        if (query == null) {
            return new SearchHits(List.of(), null);
        }
        ObjectNode body = json.createObjectNode();
        body.put("size", request.limit() + 1);
        // Ids and sort values come back as the hits' sort values: no stored field (not even _id) is read per hit.
        body.put("stored_fields", "_none_");
        body.put("track_total_hits", false);
        body.set("query", query);
        ArrayNode sort = body.putArray("sort");
        switch (kind) {
            case "s" -> sort.add("_score");
            case "n" -> sort.addObject().put(ItemDocuments.NAME_SORT, "asc");
            case "pa" -> sort.addObject().put(ItemDocuments.PRICE, "asc");
            default -> sort.addObject().put(ItemDocuments.PRICE, "desc");
        }
        sort.addObject().put(ItemDocuments.ID, "asc");
        if (cursor != null) {
            ArrayNode after = body.putArray("search_after");
            switch (kind) {
                case "s" -> after.add(cursor.score());
                case "n" -> after.add(cursor.name());
                default -> after.add(cursor.price());
            }
            after.add(cursor.id().toString());
        }
        JsonNode hits = call("POST", "/" + alias + "/_search", body, 200).body.path("hits").path("hits");
        List<UUID> ids = new ArrayList<>(hits.size());
        for (JsonNode hit : hits) {
            ids.add(UUID.fromString(hit.path("sort").get(1).asText()));
        }
        if (ids.size() <= request.limit()) {
            return new SearchHits(ids, null);
        }
        JsonNode last = hits.get(request.limit() - 1).path("sort");
        Object key = switch (kind) {
            case "s" -> last.get(0).asDouble();
            case "n" -> last.get(0).asText();
            default -> last.get(0).asLong();
        };
        return new SearchHits(List.copyOf(ids.subList(0, request.limit())),
                SearchCursor.after(request, key, UUID.fromString(last.get(1).asText())));
    }

    /**
     * Which of these stems the index holds, as the Lucene engine asks its reader: a word the index knows is taken as
     * typed, an unknown one is matched fuzzily too. Known stems are remembered for ten minutes (a word rarely leaves
     * the catalog); the others are asked for in one {@code _msearch} of term lookups that stop at the first hit.
     */
    Set<String> known(Set<String> stems) {
        Set<String> known = new HashSet<>();
        List<String> ask = new ArrayList<>();
        for (String stem : stems) {
            if (knownStems.getIfPresent(stem) != null) {
                known.add(stem);
            } else {
                ask.add(stem);
            }
        }
        if (ask.isEmpty()) {
            return known;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(ask.size() * 128);
        try {
            for (String stem : ask) {
                ObjectNode header = json.createObjectNode().put("index", alias);
                ObjectNode lookup = json.createObjectNode().put("size", 0).put("terminate_after", 1)
                        .put("track_total_hits", true);
                lookup.putObject("query").putObject("term").put(ItemDocuments.TEXT, stem);
                json.writeValue(body, header);
                body.write('\n');
                json.writeValue(body, lookup);
                body.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode responses = send("POST", "/_msearch", Body.from(body.toByteArray(), "application/x-ndjson"), 200)
                .body.path("responses");
        for (int i = 0; i < ask.size(); i++) {
            JsonNode response = responses.path(i);
            if (response.has("error")) {
                throw new Unavailable("term lookup: " + abbreviate(response.path("error").toString()));
            }
            if (response.path("hits").path("total").path("value").asLong() > 0) {
                known.add(ask.get(i));
                knownStems.put(ask.get(i), Boolean.TRUE);
            }
        }
        return known;
    }

    public List<Suggestion> suggest(String text, int limit) {
        ObjectNode query = queries.suggest(text);
        if (query == null) {
            return List.of();
        }
        ObjectNode body = json.createObjectNode();
        body.put("size", limit * 3);
        body.put("track_total_hits", false);
        // Name and id from doc values, as the Lucene engine reads them: no stored field is read per hit.
        body.put("stored_fields", "_none_");
        body.putArray("docvalue_fields").add(ItemDocuments.ID).add(ItemDocuments.NAME_SORT);
        body.set("query", query);
        Map<String, Suggestion> distinct = new LinkedHashMap<>();
        for (JsonNode hit : call("POST", "/" + alias + "/_search", body, 200).body.path("hits").path("hits")) {
            JsonNode fields = hit.path("fields");
            String name = fields.path(ItemDocuments.NAME_SORT).path(0).asText();
            distinct.putIfAbsent(name.toLowerCase(Locale.ROOT),
                    new Suggestion(name, UUID.fromString(fields.path(ItemDocuments.ID).path(0).asText())));
            if (distinct.size() == limit) {
                break;
            }
        }
        return List.copyOf(distinct.values());
    }

    /** The cluster's status ({@code green}, {@code yellow}, {@code red}) as reported by {@code _cluster/health}. */
    public String clusterStatus() {
        return call("GET", "/_cluster/health", null, 200).body.path("status").asText();
    }

    // ------------------------------------------------------------------ HTTP

    private record Answer(int status, JsonNode body) {
    }

    private Answer call(String method, String endpoint, JsonNode body, int... accepted) {
        try {
            return send(method, endpoint, body == null ? null
                    : Body.from(json.writeValueAsBytes(body), "application/json"), accepted);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer send(String method, String endpoint, Body body, int... accepted) {
        var request = Requests.builder().method(method).endpoint(endpoint);
        if (body != null) {
            request.body(body);
        }
        try (Response response = client.execute(request.build())) {
            int status = response.getStatus();
            JsonNode parsed = json.missingNode();
            if (response.getBody().isPresent() && !"HEAD".equals(method)) {
                try (Body answer = response.getBody().get(); InputStream in = answer.body()) {
                    byte[] bytes = in.readAllBytes();
                    parsed = bytes.length == 0 ? json.missingNode() : json.readTree(bytes);
                }
            }
            for (int ok : accepted) {
                if (status == ok) {
                    return new Answer(status, parsed);
                }
            }
            String reason = method + " " + endpoint + " answered " + status + ": "
                    + abbreviate(parsed.path("error").toString());
            if (status == 429 || status >= 500 || status == 404) {
                // 404: the index or alias is not there (yet, or any more): nothing to search in
                throw new Unavailable(reason);
            }
            throw new IllegalStateException("OpenSearch refused " + reason);
        } catch (IOException e) {
            throw new Unavailable(method + " " + endpoint + ": " + e);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof org.apache.hc.core5.reactor.IOReactorShutdownException) {
                    // The client's I/O thread died (an Error in a callback): this client is gone for good.
                    throw new Unavailable(method + " " + endpoint + ": the HTTP client stopped (" + e.getMessage()
                            + ")", true);
                }
            }
            throw e;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    /** The cluster cannot answer now (down, unreachable, overloaded, or the index is missing). */
    public static final class Unavailable extends RuntimeException {
        private final boolean clientStopped;

        public Unavailable(String message) {
            this(message, false);
        }

        Unavailable(String message, boolean clientStopped) {
            super(message, null, false, false);
            this.clientStopped = clientStopped;
        }

        /** True when the HTTP client itself stopped and must be built anew, rather than the cluster being away. */
        public boolean clientStopped() {
            return clientStopped;
        }
    }
}
