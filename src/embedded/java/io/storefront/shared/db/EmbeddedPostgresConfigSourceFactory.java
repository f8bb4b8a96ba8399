package io.storefront.shared.db;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * Supplies the datasource of an embedded PostgreSQL when, and only when, no {@code quarkus.datasource.jdbc.url}
 * is configured. With a URL set (for example {@code QUARKUS_DATASOURCE_JDBC_URL}) it adds nothing and starts nothing.
 * In the prod profile (a packaged service) it starts nothing either unless {@code shop.embedded-postgresql.allow-prod}
 * is set: reading the URL then fails the start with a message that says what to configure.
 *
 * <p>The server starts on the first read of the URL, not when the configuration is assembled: Quarkus also
 * assembles it while building the application, and a build must not start a database.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String DATA_DIR = "shop.embedded-postgresql.data-dir";
    static final String CLEAN = "shop.embedded-postgresql.clean-data-dir";
    static final String ALLOW_PROD = "shop.embedded-postgresql.allow-prod";
    private static final String URL = "quarkus.datasource.jdbc.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue(URL))) {
            return List.of();
        }
        Path dataDir = Path.of(value(context, DATA_DIR,
                Path.of(System.getProperty("user.home"), ".storefront", "pgdata").toString())).toAbsolutePath();
        boolean clean = Boolean.parseBoolean(value(context, CLEAN, "false"));
        boolean refused = context.getProfiles().contains("prod")
                && !Boolean.parseBoolean(value(context, ALLOW_PROD, "false"));
        return List.of(new LazySource(dataDir, clean, refused));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(275);
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return isSet(value) ? value.getValue() : fallback;
    }

    /** {@code refused}: a packaged (prod) service without a URL, which must not run on a throwaway database. */
    private record LazySource(Path dataDir, boolean clean, boolean refused) implements ConfigSource {

        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public String getValue(String propertyName) {
            return switch (propertyName) {
                case URL -> {
                    if (refused) {
                        throw new IllegalStateException("No database configured: set QUARKUS_DATASOURCE_JDBC_URL "
                                + "(and QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD). This packaged "
                                + "service contains the embedded PostgreSQL of dev mode and tests, which does not "
                                + "start in production (it is a throwaway database with fsync off); build images "
                                + "with -P '!embedded-postgresql', or set SHOP_EMBEDDED_POSTGRESQL_ALLOW_PROD=true "
                                + "to try the jar on a laptop.");
                    }
                    yield EmbeddedPostgres.jdbcUrl(dataDir, clean);
                }
                case "quarkus.datasource.username", "quarkus.datasource.password" -> "postgres";
                default -> null;
            };
        }

        @Override
        public String getName() {
            return "embedded-postgresql";
        }

        @Override
        public int getOrdinal() {
            return 275;
        }
    }
}
