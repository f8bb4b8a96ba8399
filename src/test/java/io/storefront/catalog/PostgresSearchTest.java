package io.storefront.catalog;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Every search test again, with the PostgreSQL engine configured instead of the Lucene index. */
@QuarkusTest
@TestProfile(PostgresSearchTest.PostgresEngine.class)
class PostgresSearchTest extends SearchTest {

    public static class PostgresEngine implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shop.search.engine", "postgres");
        }
    }
}
