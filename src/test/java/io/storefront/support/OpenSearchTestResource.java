package io.storefront.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Starts a real OpenSearch node in the test JVM ({@link OpenSearchTestNode}) and points the service at it with
 * {@code shop.search.engine=opensearch}. Tests get the node in a field marked {@link Node}, to stop and start it.
 */
public class OpenSearchTestResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's {@link OpenSearchTestNode} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Node {
    }

    /** The profile every test against the OpenSearch engine runs under (one profile: one service start). */
    public static class Engine implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OpenSearchTestResource.class));
        }

        @Override
        public String getConfigProfile() {
            return "test";
        }
    }

    private OpenSearchTestNode node;

    @Override
    public Map<String, String> start() {
        node = new OpenSearchTestNode().start();
        return Map.of(
                "shop.search.engine", "opensearch",
                "shop.search.opensearch.hosts", node.url(),
                // one node: replicas could never be placed
                "shop.search.opensearch.replicas", "0",
                "shop.search.opensearch.poll-interval", "PT0.2S",
                "shop.search.opensearch.lease", "PT3S",
                "shop.search.opensearch.retry-max", "PT2S");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(node, new TestInjector.AnnotatedAndMatchesType(Node.class, OpenSearchTestNode.class));
    }

    @Override
    public void stop() {
        if (node != null) {
            node.close();
        }
    }
}
