package io.storefront.catalog;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.storefront.support.OpenSearchTestResource;

/** Every search test again, with the OpenSearch engine against a real node instead of the Lucene index. */
@QuarkusTest
@TestProfile(OpenSearchTestResource.Engine.class)
class OpenSearchSearchTest extends SearchTest {
}
