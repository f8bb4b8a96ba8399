package io.storefront.catalog.search.opensearch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.storefront.support.Fixtures;
import io.storefront.support.OpenSearchTestNode;
import io.storefront.support.OpenSearchTestResource;
import io.storefront.support.Tokens;

/**
 * The OpenSearch engine's life against a real node: it serves and reports itself; while the node is away PostgreSQL
 * answers and, once it is back, every change made meanwhile is indexed exactly once; only the replica holding the
 * lease indexes; a full reindex switches the alias while searches go on; a new item becomes findable on its own.
 */
@QuarkusTest
@TestProfile(OpenSearchTestResource.Engine.class)
class OpenSearchIndexingTest {

    @OpenSearchTestResource.Node
    OpenSearchTestNode node;

    @Inject
    OpenSearchEngine engine;

    @Inject
    Fixtures fixtures;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void indexIsCurrent() {
        fixtures.searchable();
    }

    @AfterEach
    void nodeIsBack() {
        node.start();
        fixtures.searchable();
    }

    @Test
    void shouldAnswerFromOpenSearchAndSayItInHealthMetricsAndStatus() {
        String m = Fixtures.marker();
        UUID kettle = fixtures.item("Served Kettle " + m, "Stainless steel", 3900, 2);

        given().queryParam("q", m + " kettle").get("/api/v1/items").then().statusCode(200)
                .body("items.id", hasItem(kettle.toString()));
        given().queryParam("q", m + " ket").get("/api/v1/items/suggest").then().statusCode(200)
                .body("suggestions.itemId", hasItem(kettle.toString()));

        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'Search' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Search' }.data.engine", equalTo("opensearch"))
                .body("checks.find { it.name == 'Search' }.data.indexer", equalTo("this replica"))
                .body("checks.find { it.name == 'Search' }.data.index", equalTo(engine.indexName()));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("shop_search_opensearch_lag_seconds", "shop_search_opensearch_indexed_total",
                "shop_search_opensearch_already_indexed_total", "shop_search_opensearch_errors_total",
                "shop_search_opensearch_reindexes_total", "shop_search_opensearch_applied_sequence",
                "shop_search_opensearch_serving 1.0", "shop_search_opensearch_indexer 1.0",
                "shop_search_query_seconds_count{engine=\"opensearch\"");
        given().auth().oauth2(Tokens.admin()).get("/api/v1/admin/search").then().statusCode(200)
                .body("engine", equalTo("opensearch")).body("indexState", equalTo("READY"))
                .body("index", equalTo(engine.indexName()))
                .body("documents", equalTo(fixtures.queryInt("SELECT count(*) FROM item")));
    }

    @Test
    void shouldAnswerFromPostgresWhileTheNodeIsAwayThenIndexEveryChangeExactlyOnce() {
        String m = Fixtures.marker();
        List<UUID> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(fixtures.item("Outage Lamp " + m + " " + i, "Brass", 2900 + i, 1));
        }
        double writtenBefore = counter("shop.search.opensearch.indexed");

        node.stop();
        for (UUID item : items) {
            fixtures.execute("UPDATE item SET name = 'Outage Lantern ' || ? || ' ' || id WHERE id = ?", m, item);
        }
        // Two of them change twice while away: what counts is their last version.
        fixtures.execute("UPDATE item SET price_amount = price_amount + 100 WHERE id = ANY(?)",
                (Object) new UUID[] { items.get(0), items.get(1) });

        // Searches keep working, from PostgreSQL (which already sees the new names), and say so.
        JsonPath found = given().queryParam("q", m + " lantern").get("/api/v1/items").then().statusCode(200)
                .extract().jsonPath();
        assertThat(found.getList("items.id", String.class))
                .containsExactlyInAnyOrderElementsOf(items.stream().map(UUID::toString).toList());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'Search' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Search' }.data.engine", equalTo("postgres"))
                .body("checks.find { it.name == 'Search' }.data.configuredEngine", equalTo("opensearch")));
        given().queryParam("q", m + " lant").get("/api/v1/items/suggest").then().statusCode(200)
                .body("suggestions.size()", equalTo(5));

        node.start();
        await().atMost(Duration.ofSeconds(60)).until(engine::serving);
        fixtures.searchable();

        OpenSearchCatalog catalog = engine.catalog();
        for (UUID item : items) {
            long seq = fixtures.queryInt("SELECT change_seq FROM item WHERE id = ?", item);
            assertThat(catalog.version(catalog.alias(), item)).as("version of %s", item).isEqualTo(seq);
        }
        assertThat(counter("shop.search.opensearch.indexed") - writtenBefore)
                .as("changes written after the outage: each item's last version, once").isEqualTo(5.0);
        assertThat(catalog.count(catalog.alias())).isEqualTo(fixtures.queryInt("SELECT count(*) FROM item"));
        given().queryParam("q", m + " lantern").get("/api/v1/items").then().statusCode(200)
                .body("items.size()", equalTo(5));
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'Search' }.data.engine", equalTo("opensearch"));
    }

    @Test
    void shouldBuildTheIndexAgainWhenTheClusterLostIt() {
        String m = Fixtures.marker();
        UUID kettle = fixtures.item("Lost Kettle " + m, "Copper", 3900, 1);
        String before = engine.indexName();

        // A new, empty cluster at the same address: the row still names the lost index.
        node.stopAndWipe();
        node.start();

        given().queryParam("q", m + " kettle").get("/api/v1/items").then().statusCode(200)
                .body("items.id", hasItem(kettle.toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.serving() && !before.equals(engine.indexName()));
        OpenSearchCatalog catalog = engine.catalog();
        assertThat(catalog.aliasTarget()).isEqualTo(engine.indexName());
        assertThat(catalog.version(catalog.alias(), kettle))
                .isEqualTo(fixtures.queryInt("SELECT change_seq FROM item WHERE id = ?", kettle));
        fixtures.searchable();
        given().queryParam("q", m + " kettle").get("/api/v1/items").then().statusCode(200)
                .body("items.id", hasItem(kettle.toString()));
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'Search' }.data.engine", equalTo("opensearch"));
    }

    @Test
    void shouldBuildTheIndexAgainWhenItHoldsChangesTheDatabaseNeverMade() {
        String m = Fixtures.marker();
        UUID kettle = fixtures.item("Restored Kettle " + m, "Copper", 3900, 1);
        String before = engine.indexName();
        // What the index holds after the database was restored from a backup: versions from the lost timeline,
        // beyond what the database's sequence has handed out.
        long ahead = fixtures.queryInt("SELECT last_value::int FROM item_change_seq") + 1_000;
        UUID lost = UUID.randomUUID();
        OpenSearchCatalog catalog = engine.catalog();
        catalog.bulk(before, List.of(new io.storefront.catalog.search.ItemChangeFeed.ItemRow(lost,
                "Lost Timeline Kettle " + m, "gone", 100, "USD", 1, ahead)));
        catalog.refresh(before);

        engine.recheck();

        await().atMost(Duration.ofSeconds(60)).until(() -> engine.serving() && !before.equals(engine.indexName()));
        assertThat(catalog.version(catalog.alias(), lost)).as("the lost timeline's item").isEqualTo(-1);
        assertThat(catalog.version(catalog.alias(), kettle))
                .isEqualTo(fixtures.queryInt("SELECT change_seq FROM item WHERE id = ?", kettle));
        await().atMost(Duration.ofSeconds(10)).until(() -> !catalog.exists(before));
    }

    @Test
    void shouldLeaveIndexingToTheReplicaThatHoldsTheLease() {
        String m = Fixtures.marker();
        fixtures.execute("UPDATE search_indexer SET holder = 'other-replica', lease_until = now() + interval '3 seconds'"
                + " WHERE engine = 'opensearch'");
        UUID item = insertItem("Leased Lamp " + m);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'Search' }.data.indexer", equalTo("other-replica")));
        assertThat(engine.indexer()).isFalse();
        OpenSearchCatalog catalog = engine.catalog();
        assertThat(catalog.version(catalog.alias(), item)).as("indexed while another replica holds the lease")
                .isEqualTo(-1);

        // The other replica stops renewing: this one takes over from the recorded watermark.
        await().atMost(Duration.ofSeconds(20)).until(() -> catalog.version(catalog.alias(), item)
                == fixtures.queryInt("SELECT change_seq FROM item WHERE id = ?", item));
        assertThat(engine.indexer()).isTrue();
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'Search' }.data.indexer", equalTo("this replica"));
    }

    @Test
    void shouldReindexIntoANewIndexAndSwitchTheAliasWhileSearchesGoOn() throws Exception {
        String m = Fixtures.marker();
        UUID lamp = fixtures.item("Reindexed Lamp " + m, "Linen shade", 4900, 1);
        String before = engine.indexName();
        AtomicBoolean searching = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        List<String> misses = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread shopper = new Thread(() -> {
            while (searching.get()) {
                var response = given().queryParam("q", m + " lamp").get("/api/v1/items");
                if (response.statusCode() != 200
                        || !response.jsonPath().getList("items.id").contains(lamp.toString())) {
                    misses.add(response.statusCode() + " " + response.asString());
                }
                searches.incrementAndGet();
            }
        });
        shopper.start();
        try {
            given().auth().oauth2(Tokens.admin()).post("/api/v1/admin/search/rebuild").then().statusCode(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> !before.equals(engine.indexName())
                    && !engine.reindexing());
        } finally {
            searching.set(false);
            shopper.join();
        }

        assertThat(misses).as("searches during the reindex that failed or missed the item").isEmpty();
        assertThat(searches.get()).isPositive();
        OpenSearchCatalog catalog = engine.catalog();
        assertThat(catalog.aliasTarget()).isEqualTo(engine.indexName());
        assertThat(catalog.exists(before)).as("the old index is deleted").isFalse();
        assertThat(catalog.count(catalog.alias())).isEqualTo(fixtures.queryInt("SELECT count(*) FROM item"));
        assertThat(counter("shop.search.opensearch.reindexes")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void shouldMakeANewItemFindableOnItsOwn() {
        String m = Fixtures.marker();
        long written = System.nanoTime();
        UUID item = insertItem("Fresh Kettle " + m);

        // The bound (poll interval + the index's refresh interval, about 1.5 s by default) is measured by the
        // benchmark; here a generous timeout proves the item arrives without anyone asking for it.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> given()
                .queryParam("q", m + " kettle").get("/api/v1/items").jsonPath().getList("items.id")
                .contains(item.toString()));
        System.out.printf("OpenSearch: a new item was findable %d ms after its commit%n",
                (System.nanoTime() - written) / 1_000_000);
    }

    private UUID insertItem(String name) {
        UUID id = UUID.randomUUID();
        fixtures.execute("INSERT INTO item (id, name, description, price_amount, currency, created_at, updated_at) "
                + "VALUES (?, ?, 'Made by SQL', 1900, 'USD', now(), now())", id, name);
        return id;
    }

    private double counter(String name) {
        return registry.find(name).counter().count();
    }
}
