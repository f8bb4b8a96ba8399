package io.storefront.catalog.search.lucene;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.storefront.support.Fixtures;
import io.storefront.support.Tokens;

/**
 * The index's life on one replica: built in the background while PostgreSQL answers, rebuilt when its directory is
 * deleted or corrupt, caught up (not rebuilt) after a restart, rebuilt on demand while it keeps answering.
 */
@QuarkusTest
@TestProfile(SearchIndexLifecycleTest.Gated.class)
class SearchIndexLifecycleTest {

    public static class Gated implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(GatedChangeFeed.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shop.search.index-dir", "target/search-index-lifecycle");
        }
    }

    @Inject
    CatalogIndex index;

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void indexIsCurrent() throws Exception {
        GatedChangeFeed.open();
        index.awaitCurrent(Duration.ofSeconds(30));
    }

    @AfterEach
    void openTheGate() {
        GatedChangeFeed.open();
    }

    @Test
    void shouldAnswerFromPostgresWhileADeletedIndexIsRebuiltThenFromTheNewIndex() throws Exception {
        String m = Fixtures.marker();
        UUID lamp = item("Rebuilt Lamp " + m);
        GatedChangeFeed.close();

        index.restart(SearchIndexLifecycleTest::deleteRecursively);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(index.state()).isEqualTo(CatalogIndex.State.BUILDING));
        assertEngine("postgres", "BUILDING");
        given().queryParam("q", m + " lamp").get("/api/v1/items").then().statusCode(200)
                .body("items.id", hasItem(lamp.toString()));
        given().queryParam("q", m + " lam").get("/api/v1/items/suggest").then().statusCode(200)
                .body("suggestions.itemId", hasItem(lamp.toString()));

        GatedChangeFeed.open();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEngine("lucene", "READY"));
        given().queryParam("q", m + " lamp").get("/api/v1/items").then().statusCode(200)
                .body("items.id", hasItem(lamp.toString()));
        assertThat(index.documents()).isEqualTo(fixtures.queryInt("SELECT count(*) FROM item"));
    }

    @Test
    void shouldRebuildAnIndexWhoseFilesAreCorrupt() throws Exception {
        String m = Fixtures.marker();
        UUID lamp = item("Corrupt Lamp " + m);
        int fullReads = GatedChangeFeed.FULL_READS.get();

        index.restart(directory -> {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
                    Files.write(file, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
                }
            }
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEngine("lucene", "READY"));
        assertThat(GatedChangeFeed.FULL_READS.get()).as("rebuilt from the database").isGreaterThan(fullReads);
        given().queryParam("q", m + " lamp").get("/api/v1/items").then().statusCode(200)
                .body("items.id", hasItem(lamp.toString()));
    }

    @Test
    void shouldCatchUpFromItsLastCommitAfterARestartWithoutRebuilding() throws Exception {
        String m = Fixtures.marker();
        item("Before Restart Lamp " + m);
        int fullReads = GatedChangeFeed.FULL_READS.get();
        GatedChangeFeed.close(); // a rebuild would stop here: the test shows that none happens
        UUID whileDown = UUID.randomUUID();

        index.restart(directory -> fixtures.execute("INSERT INTO item (id, name, description, price_amount, currency, "
                + "created_at, updated_at) VALUES (?, ?, 'Added while the index was down', 1000, 'USD', now(), now())",
                whileDown, "While Down Lamp " + m));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEngine("lucene", "READY"));
        assertThat(GatedChangeFeed.FULL_READS.get()).as("no rebuild").isEqualTo(fullReads);
        given().queryParam("q", m + " lamp").get("/api/v1/items").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("items.id", hasItem(whileDown.toString()));
    }

    @Test
    void shouldKeepAnsweringFromTheCurrentIndexWhileAnAdminRebuildRuns() throws Exception {
        String m = Fixtures.marker();
        UUID lamp = item("Admin Rebuild Lamp " + m);
        GatedChangeFeed.close();

        given().auth().oauth2(Tokens.admin()).post("/api/v1/admin/search/rebuild").then().statusCode(202)
                .body("engine", equalTo("lucene"));
        await().atMost(Duration.ofSeconds(10)).until(index::rebuilding);
        assertEngine("lucene", "READY");
        given().queryParam("q", m + " lamp").get("/api/v1/items").then().statusCode(200)
                .body("items.id", hasItem(lamp.toString()));

        GatedChangeFeed.open();

        await().atMost(Duration.ofSeconds(30)).until(() -> !index.rebuilding());
        given().auth().oauth2(Tokens.admin()).get("/api/v1/admin/search").then().statusCode(200)
                .body("engine", equalTo("lucene")).body("indexState", equalTo("READY"))
                .body("documents", equalTo(fixtures.queryInt("SELECT count(*) FROM item")));
        given().auth().oauth2(Tokens.customer(UUID.randomUUID())).post("/api/v1/admin/search/rebuild").then()
                .statusCode(403);
    }

    @Test
    void shouldReportTheIndexInMetricsAndHealth() {
        item("Metrics Lamp " + Fixtures.marker());
        given().queryParam("q", "lamp").get("/api/v1/items").then().statusCode(200);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("shop_search_index_documents", "shop_search_index_size_bytes",
                "shop_search_index_applied_sequence", "shop_search_index_lag_seconds", "shop_search_index_serving 1.0",
                "shop_search_index_rebuilds_total", "shop_search_index_errors_total",
                "shop_search_query_seconds_count{engine=\"lucene\"", "shop_search_index_queries_waiting",
                "shop_search_index_query_slots " + 2 * Runtime.getRuntime().availableProcessors() + ".0");
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'Search' }.data.documents",
                        equalTo(fixtures.queryInt("SELECT count(*) FROM item")))
                .body("checks.find { it.name == 'Search' }.data.lastAppliedSequence",
                        equalTo(fixtures.queryInt("SELECT max(change_seq) FROM item")));
    }

    private UUID item(String name) {
        UUID id = fixtures.item(name, 1);
        return id;
    }

    private static void assertEngine(String engine, String state) {
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'Search' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Search' }.data.engine", equalTo(engine))
                .body("checks.find { it.name == 'Search' }.data.indexState", equalTo(state));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
