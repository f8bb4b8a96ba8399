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
    private static Replica a;
    private static Replica b;

    @BeforeAll
    static void startTwoReplicasOnOneDatabase() throws Exception {
        new PackagedAppEnvironment().start(); // the key pair the packaged service verifies tokens with
        database = EmbeddedPostgres.builder().setDataDirectory(TARGET.resolve("replicas-pgdata"))
                .setCleanDataDirectory(true).setServerConfig("max_connections", "100").start();
        a = new Replica("a");
        b = new Replica("b");
        a.start();
        b.start();
        a.awaitLucene();
        b.awaitLucene();
    }

    @AfterAll
    static void stop() throws IOException {
        for (Replica replica : new Replica[] { a, b }) {
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

    private static String createThrough(Replica replica, String name) {
        return given().port(replica.port).auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("name", name, "description", "Replica test item", "price", Map.of("amount", 1500)))
                .post("/api/v1/items").then().statusCode(201).extract().path("id");
    }

    private static void awaitFound(Replica replica, String query, String id) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> ids(replica, query).contains(id));
    }

    private static List<String> ids(Replica replica, String query) {
        return given().port(replica.port).queryParam("q", query).get("/api/v1/items").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
    }

    private static String admin() {
        return Jwt.subject(UUID.randomUUID().toString()).groups("admin").issuer(PackagedAppEnvironment.ISSUER)
                .audience(PackagedAppEnvironment.AUDIENCE)
                .sign(PackagedAppEnvironment.privateKey());
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** One packaged service process (target/quarkus-app) with its own port and index directory. */
    private static final class Replica {

        final String name;
        final Path indexDir;
        final Path logFile;
        int port;
        Process process;

        Replica(String name) throws IOException {
            this.name = name;
            this.indexDir = TARGET.resolve("replica-" + name + "-index");
            this.logFile = TARGET.resolve("replica-" + name + ".log");
            deleteRecursively(indexDir);
        }

        void start() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            // The packaged jar, or the native binary when the build made one (./mvnw verify -Dnative).
            Path jar = TARGET.resolve("quarkus-app/quarkus-run.jar");
            Path binary = Path.of(System.getProperty("native.image.path", "none"));
            List<String> command = new ArrayList<>(Files.exists(binary) && !Files.exists(jar) ? List.of(binary.toString())
                    : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
            command.addAll(List.of(
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.datasource.jdbc.url=" + database.getJdbcUrl("postgres", "postgres"),
                    "-Dquarkus.datasource.username=postgres",
                    "-Dquarkus.datasource.password=postgres",
                    "-Dquarkus.datasource.jdbc.max-size=10",
                    "-Dmp.jwt.verify.publickey.location=" + TARGET.resolve("it-jwt-public-key.pem").toUri(),
                    "-Dmp.jwt.verify.issuer=" + PackagedAppEnvironment.ISSUER,
                    "-Dshop.search.index-dir=" + indexDir,
                    "-Dquarkus.log.console.json.enabled=false"));
            if (command.get(0).endsWith("java")) {
                command.addAll(List.of("-jar", jar.toString()));
            }
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile())).start();
        }

        /** The Search check's data once the replica is ready, else null. */
        Map<String, Object> ready() {
            try {
                var response = given().port(port).get("/q/health/ready");
                if (response.statusCode() != 200) {
                    return null;
                }
                return response.jsonPath().getMap("checks.find { it.name == 'Search' }.data");
            } catch (Exception e) { // RestAssured rethrows ConnectException unchecked-style
                return null; // not listening yet
            }
        }

        void awaitLucene() {
            Awaitility.await("replica " + name + " searching on its index").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        assertThat(process.isAlive()).as("replica %s is running (see %s)", name, logFile).isTrue();
                        Map<String, Object> search = ready();
                        return search != null && "lucene".equals(search.get("engine"));
                    });
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        void stop() throws IOException {
            if (process != null && process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
