package io.storefront.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.storefront.support.OpenSearchTestNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two packaged services on one database and one real OpenSearch node, as two replicas of a deployment with
 * {@code SHOP_SEARCH_ENGINE=opensearch}: exactly one of them feeds the cluster, both search it, an item created through
 * either is findable through both, and when the feeding replica dies the other takes over and misses no change.
 */
class OpenSearchReplicasIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static EmbeddedPostgres database;
    private static OpenSearchTestNode node;
    private static PackagedReplica a;
    private static PackagedReplica b;

    @BeforeAll
    static void startTwoReplicasOnOneDatabaseAndOneNode() throws Exception {
        new PackagedAppEnvironment().start();
        database = EmbeddedPostgres.builder().setDataDirectory(TARGET.resolve("opensearch-replicas-pgdata"))
                .setCleanDataDirectory(true).setServerConfig("max_connections", "100").start();
        node = new OpenSearchTestNode().start();
        String[] settings = { "-Dshop.search.engine=opensearch", "-Dshop.search.opensearch.hosts=" + node.url(),
                "-Dshop.search.opensearch.replicas=0", "-Dshop.search.opensearch.lease=PT3S",
                "-Dshop.search.opensearch.poll-interval=PT0.2S" };
        a = new PackagedReplica("os-a", database, settings);
        b = new PackagedReplica("os-b", database, settings);
        a.start();
        b.start();
        a.awaitEngine("opensearch");
        b.awaitEngine("opensearch");
    }

    @AfterAll
    static void stop() throws Exception {
        for (PackagedReplica replica : new PackagedReplica[] { a, b }) {
            if (replica != null) {
                replica.stop();
            }
        }
        if (node != null) {
            node.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void shouldLetOneReplicaFeedTheClusterAndTheOtherTakeOverWhenItDies() throws Exception {
        PackagedReplica holder = holder();
        PackagedReplica other = holder == a ? b : a;
        assertThat(indexer(other)).as("the other replica names the holder, and does not feed").isNotEqualTo("this replica")
                .isNotEqualTo("null");
        double writtenByOther = indexed(other);

        String m = "os" + UUID.randomUUID().toString().substring(0, 8);
        String first = SearchReplicasIT.createThrough(other, "Shared Kettle " + m);
        long created = System.nanoTime();
        SearchReplicasIT.awaitFound(holder, m + " kettle", first);
        SearchReplicasIT.awaitFound(other, m + " kettle", first);
        System.out.printf("OpenSearch replicas: an item created through one was findable through both %d ms later%n",
                (System.nanoTime() - created) / 1_000_000);
        assertThat(indexed(other)).as("the replica without the lease wrote nothing").isEqualTo(writtenByOther);

        holder.kill();
        String whileTakingOver = SearchReplicasIT.createThrough(other, "Shared Kettle Two " + m);
        Awaitility.await("the other replica takes the lease").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> "this replica".equals(indexer(other)));
        SearchReplicasIT.awaitFound(other, m + " kettle", whileTakingOver);
        assertThat(other.log()).contains("now feeds OpenSearch");

        holder.start();
        holder.awaitEngine("opensearch");
        assertThat(indexer(holder)).as("the restarted replica leaves the lease where it is")
                .isNotEqualTo("this replica");
        assertThat(SearchReplicasIT.ids(holder, m + " kettle")).contains(first, whileTakingOver);
    }

    private static PackagedReplica holder() {
        Awaitility.await("one replica holds the lease").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "this replica".equals(indexer(a)) ^ "this replica".equals(indexer(b)));
        return "this replica".equals(indexer(a)) ? a : b;
    }

    private static String indexer(PackagedReplica replica) {
        Map<String, Object> search = replica.ready();
        return search == null ? null : String.valueOf(search.get("indexer"));
    }

    private static double indexed(PackagedReplica replica) {
        String metrics = given().port(replica.port).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("shop_search_opensearch_indexed_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow();
    }
}
