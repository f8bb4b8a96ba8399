package io.storefront.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One packaged service process (target/quarkus-app, or the native binary) on a shared database, with its own port,
 * index directory and log: a replica behind one Service, as the replica ITs start them.
 */
final class PackagedReplica {

    private static final Path TARGET = Path.of("target").toAbsolutePath();

    final String name;
    final Path indexDir;
    final Path logFile;
    private final EmbeddedPostgres database;
    private final List<String> settings;
    int port;
    Process process;

    /** @param settings extra {@code -Dkey=value} options for the service */
    PackagedReplica(String name, EmbeddedPostgres database, String... settings) throws IOException {
        this.name = name;
        this.database = database;
        this.settings = List.of(settings);
        this.indexDir = TARGET.resolve("replica-" + name + "-index");
        this.logFile = TARGET.resolve("replica-" + name + ".log");
        SearchReplicasIT.deleteRecursively(indexDir);
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
        command.addAll(settings);
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
        awaitEngine("lucene");
    }

    /** Waits until readiness says {@code engine} answers searches on this replica. */
    void awaitEngine(String engine) {
        Awaitility.await("replica " + name + " searching with " + engine).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    assertThat(process.isAlive()).as("replica %s is running (see %s)", name, logFile).isTrue();
                    Map<String, Object> search = ready();
                    return search != null && engine.equals(search.get("engine"));
                });
    }

    /** Kills the process without letting it shut down (no lease released, nothing committed). */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
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
