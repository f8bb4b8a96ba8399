package io.storefront.shared.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jboss.logging.Logger;

/**
 * The one embedded PostgreSQL server of this JVM, started on demand when no datasource is configured.
 *
 * <p>Quarkus builds its configuration more than once and in more than one class loader (test discovery, dev-mode
 * restarts), so the server is kept per JVM, not per class: its JDBC URL is remembered in a system property, and the
 * server stops when the JVM exits.
 */
final class EmbeddedPostgres {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    private static final String URL_PROPERTY = "storefront.embedded-postgresql.jdbc-url";

    private EmbeddedPostgres() {
    }

    static String jdbcUrl(Path dataDir, boolean cleanDataDir) {
        // System properties are one object per JVM, whichever class loader loaded this class.
        synchronized (System.getProperties()) {
            String running = System.getProperty(URL_PROPERTY);
            if (running != null) {
                return running;
            }
            String url = start(dataDir, cleanDataDir);
            System.setProperty(URL_PROPERTY, url);
            return url;
        }
    }

    private static String start(Path dataDir, boolean cleanDataDir) {
        try {
            Files.createDirectories(dataDir);
            LOG.infof("No datasource URL configured: starting an embedded PostgreSQL (fsync off, for trying the "
                    + "service and for tests, not for production) with its data in %s", dataDir);
            var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(cleanDataDir)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    LOG.warn("Could not stop the embedded PostgreSQL cleanly", e);
                }
            }, "embedded-postgresql-stop"));
            LOG.infof("Embedded PostgreSQL is listening on port %d", server.getPort());
            return server.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }
}
