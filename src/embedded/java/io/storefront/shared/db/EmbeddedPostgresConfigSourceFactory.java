package io.storefront.shared.db;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Supplies the datasource of an embedded PostgreSQL when, and only when, no {@code quarkus.datasource.jdbc.url}
 * is configured. With a URL set (for example {@code QUARKUS_DATASOURCE_JDBC_URL}) nothing is started.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String DATA_DIR = "shop.embedded-postgresql.data-dir";
    static final String CLEAN = "shop.embedded-postgresql.clean-data-dir";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue("quarkus.datasource.jdbc.url"))) {
            return List.of();
        }
        Path dataDir = Path.of(value(context, DATA_DIR,
                Path.of(System.getProperty("user.home"), ".storefront", "pgdata").toString())).toAbsolutePath();
        boolean clean = Boolean.parseBoolean(value(context, CLEAN, "false"));
        String url = EmbeddedPostgres.jdbcUrl(dataDir, clean);
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"), "embedded-postgresql", 275));
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
}
