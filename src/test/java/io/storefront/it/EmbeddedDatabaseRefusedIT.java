package io.storefront.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The packaged service built by the tests still holds the embedded PostgreSQL (the profile the tests need). Started
 * as production starts it, without a database URL, it must refuse to run instead of serving from a throwaway,
 * fsync-off database and reporting ready.
 */
class EmbeddedDatabaseRefusedIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @Test
    void shouldRefuseToStartWithoutADatabaseUrl() throws IOException, InterruptedException {
        Path jar = TARGET.resolve("quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the packaged service").exists();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile(TARGET, "embedded-refused", ".log");
        Path dataDir = TARGET.resolve("refused-pgdata");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dshop.embedded-postgresql.data-dir=" + dataDir,
                "-Dmp.jwt.verify.publickey.location=" + TARGET.resolve("it-jwt-public-key.pem").toUri(),
                "-Dmp.jwt.verify.issuer=" + PackagedAppEnvironment.ISSUER,
                "-Dshop.search.index-dir=" + TARGET.resolve("refused-search-index"),
                "-Dquarkus.log.console.json.enabled=false",
                "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_DATASOURCE")
                || name.startsWith("SHOP_EMBEDDED_POSTGRESQL"));
        Process process = builder.start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the service exits by itself").isTrue();
            String output = Files.readString(log);
            assertThat(process.exitValue()).as(output).isNotZero();
            assertThat(output).contains("No database configured: set QUARKUS_DATASOURCE_JDBC_URL");
            assertThat(dataDir.resolve("PG_VERSION")).as("no embedded database was created").doesNotExist();
        } finally {
            process.destroyForcibly();
        }
    }
}
