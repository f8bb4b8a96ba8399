package io.storefront.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two packaged services on one database, as two replicas behind one Service: each keeps its own search index, an
 * item created or renamed through one is findable through the other within a second, and a replica whose index
 * directory is gone rebuilds it (PostgreSQL answering meanwhile) while one whose index survived only catches up.
 */
class SearchReplicasIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static EmbeddedPostgres database;
    private static PackagedReplica a;
    private static PackagedReplica b;

    @BeforeAll
    static void startTwoReplicasOnOneDatabase() throws Exception {
        new PackagedAppEnvironment().start(); // the key pair the packaged service verifies tokens with
        database = EmbeddedPostgres.builder().setDataDirectory(TARGET.resolve("replicas-pgdata"))
                .setCleanDataDirectory(true).setServerConfig("max_connections", "100").start();
        a = new PackagedReplica("a", database);
        b = new PackagedReplica("b", database);
        a.start();
        b.start();
        a.awaitLucene();
        b.awaitLucene();
    }

    @AfterAll
    static void stop() throws IOException {
        for (PackagedReplica replica : new PackagedReplica[] { a, b }) {
            if (replica != null) {
                replica.stop();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void shouldFindAnItemCreatedOrRenamedThroughOneReplicaThroughTheOtherWithinASecond() {
        String m = "replica" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().port(a.port).auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Replica Kettle " + m, "description", "Made on replica a",
                        "price", Map.of("amount", 2500)))
                .post("/api/v1/items").then().statusCode(201).extract().path("id");
        long created = System.nanoTime();

        awaitFound(b, m + " kettle", id);
        Duration createdToFound = Duration.ofNanos(System.nanoTime() - created);

        given().port(a.port).auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Replica Teapot " + m, "description", "Renamed on replica a",
                        "price", Map.of("amount", 2600)))
                .put("/api/v1/items/{id}", id).then().statusCode(200);
        long renamed = System.nanoTime();

        awaitFound(b, m + " teapot", id);
        Duration renamedToFound = Duration.ofNanos(System.nanoTime() - renamed);
        assertThat(ids(b, m + " kettle")).doesNotContain(id);

        System.out.printf("Replica b found a new item %d ms and a renamed one %d ms after replica a committed it%n",
                createdToFound.toMillis(), renamedToFound.toMillis());
        // The bound is one second (250 ms polling + 0.5 s page cache); a loaded CI machine gets some margin.
        assertThat(createdToFound).isLessThan(Duration.ofMillis(2500));
        assertThat(renamedToFound).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void shouldRefuseToStartWithoutQuerySlots() throws Exception {
        PackagedReplica broken = new PackagedReplica("no-slots", database, "-Dshop.search.query-threads=0");
        broken.start();
        try {
            assertThat(broken.process.waitFor(90, TimeUnit.SECONDS)).as("the replica exits by itself").isTrue();
            assertThat(broken.process.exitValue()).as(broken.log()).isNotZero();
            assertThat(broken.log()).contains("shop.search.query-threads must be at least 1, was 0");
        } finally {
            broken.kill();
        }
    }

    @Test
    void shouldRebuildADeletedIndexAndCatchUpAnIndexThatSurvivedARestart() throws Exception {
        String m = "restart" + UUID.randomUUID().toString().substring(0, 8);
        String before = createThrough(a, "Restart Lamp " + m);
        awaitFound(b, m + " lamp", before);

        b.stop();
        String whileDown = createThrough(a, "Restart Lamp Two " + m);
        b.start();
        b.awaitLucene();
        assertThat(ids(b, m + " lamp")).contains(before, whileDown);
        assertThat(b.log()).as("caught up, not rebuilt").contains("Search index in").contains("opened")
                .doesNotContain("Search index rebuilt");

        b.stop();
        deleteRecursively(b.indexDir);
        b.start();
        // Searches work from the first moment: PostgreSQL answers until the new index is complete.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> b.ready() != null);
        assertThat(ids(b, m + " lamp")).contains(before, whileDown);
        b.awaitLucene();
        assertThat(b.log()).contains("Search index rebuilt");
        assertThat(ids(b, m + " lamp")).contains(before, whileDown);
    }

    static String createThrough(PackagedReplica replica, String name) {
        return given().port(replica.port).auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "description", "Replica test item", "price", Map.of("amount", 1500)))
                .post("/api/v1/items").then().statusCode(201).extract().path("id");
    }

    static void awaitFound(PackagedReplica replica, String query, String id) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> ids(replica, query).contains(id));
    }

    static List<String> ids(PackagedReplica replica, String query) {
        return given().port(replica.port).queryParam("q", query).get("/api/v1/items").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
    }

    static String admin() {
        return Jwt.subject(UUID.randomUUID().toString()).groups("admin").issuer(PackagedAppEnvironment.ISSUER)
                .audience(PackagedAppEnvironment.AUDIENCE)
                .sign(PackagedAppEnvironment.privateKey());
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
