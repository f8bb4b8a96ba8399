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
 *
 * <p>The server starts on the first read of the URL, not when the configuration is assembled: Quarkus also
 * assembles it while building the application, and a build must not start a database.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String DATA_DIR = "shop.embedded-postgresql.data-dir";
    static final String CLEAN = "shop.embedded-postgresql.clean-data-dir";
    private static final String URL = "quarkus.datasource.jdbc.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue(URL))) {
            return List.of();
        }
        Path dataDir = Path.of(value(context, DATA_DIR,
                Path.of(System.getProperty("user.home"), ".storefront", "pgdata").toString())).toAbsolutePath();
        boolean clean = Boolean.parseBoolean(value(context, CLEAN, "false"));
        return List.of(new LazySource(dataDir, clean));
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

    private record LazySource(Path dataDir, boolean clean) implements ConfigSource {

        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public String getValue(String propertyName) {
            return switch (propertyName) {
                case URL -> EmbeddedPostgres.jdbcUrl(dataDir, clean);
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
