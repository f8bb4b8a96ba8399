package io.storefront.catalog.search.opensearch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.storefront.support.Fixtures;
import io.storefront.support.OpenSearchTestResource;
import io.storefront.support.Tokens;

/**
 * A full reindex does not stop freshness: while the new index fills, the index behind the alias keeps getting the
 * catalog's changes. Bulk requests of 20 items make a reindex last long enough to change
 * an item in the middle of it (10,000 filler items: some 500 bulk requests).
 */
@QuarkusTest
@TestProfile(OpenSearchReindexFeedTest.SmallBulks.class)
class OpenSearchReindexFeedTest {

    public static class SmallBulks extends OpenSearchTestResource.Engine {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shop.search.opensearch.bulk-size", "20");
        }
    }

    @Inject
    OpenSearchEngine engine;

    @Inject
    Fixtures fixtures;

    @Test
    void shouldKeepFeedingTheAliasedIndexAndHoldTheLeaseWhileAReindexRuns() throws InterruptedException {
        String m = Fixtures.marker();
        fixtures.execute("INSERT INTO item (id, name, description, price_amount, currency, created_at, updated_at) "
                + "SELECT gen_random_uuid(), 'Filler ' || ? || ' ' || n, 'filler', 100 + n, 'USD', now(), now() "
                + "FROM generate_series(1, 10000) n", m);
        UUID lamp = fixtures.item("Midway Lamp " + m, "Brass", 2900, 1);
        String before = engine.indexName();

        // Another replica tries to take the lease all along, as a replica does every poll: the reindex lasts longer
        // than the lease (3 s in tests), so it must be renewed while the catalog streams in, or the other replica
        // would start a reindex of its own.
        AtomicBoolean contending = new AtomicBoolean(true);
        AtomicInteger stolen = new AtomicInteger();
        Thread contender = new Thread(() -> {
            while (contending.get()) {
                stolen.addAndGet(fixtures.queryInt("WITH taken AS (UPDATE search_indexer SET holder = 'contender', "
                        + "lease_until = now() + interval '3 seconds' WHERE engine = 'opensearch' "
                        + "AND lease_until < now() RETURNING 1) SELECT count(*) FROM taken"));
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        given().auth().oauth2(Tokens.admin()).post("/api/v1/admin/search/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(engine::reindexing);
        contender.start();
        fixtures.execute("UPDATE item SET name = 'Midway Lantern ' || ? WHERE id = ?", m, lamp);
        long seq = fixtures.queryInt("SELECT change_seq FROM item WHERE id = ?", lamp);

        OpenSearchCatalog catalog = engine.catalog();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> catalog.version(before, lamp) == seq || !engine.reindexing());
        assertThat(engine.reindexing()).as("the change reached the aliased index before the reindex ended").isTrue();
        assertThat(catalog.aliasTarget()).isEqualTo(before);

        await().atMost(Duration.ofSeconds(120)).until(() -> !engine.reindexing() && !before.equals(engine.indexName()));
        contending.set(false);
        contender.join();
        assertThat(stolen.get()).as("times the other replica got the lease during the reindex").isZero();
        assertThat(catalog.version(catalog.alias(), lamp)).as("the new index has the change too").isEqualTo(seq);
        assertThat(catalog.count(catalog.alias())).isEqualTo(fixtures.queryInt("SELECT count(*) FROM item"));
    }
}
