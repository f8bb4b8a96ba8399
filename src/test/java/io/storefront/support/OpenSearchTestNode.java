package io.storefront.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A real OpenSearch 2.19 node inside the test JVM (../shared/notes/opensearch-test-node.md): single-node discovery,
 * HTTP on 127.0.0.1 at a port fixed for the node's life, data in a directory of its own. {@link #stop()} and
 * {@link #start()} again keep port and data, so a test can take the node away and bring it back as an outage does.
 */
public final class OpenSearchTestNode implements AutoCloseable {

    private final Path home;
    private final int port;
    private Node node;

    public OpenSearchTestNode() {
        try {
            home = Files.createTempDirectory("opensearch-test-node");
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node with its files in {@code home} (kept by {@link #stop()}), serving HTTP on {@code port}. */
    public OpenSearchTestNode(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /**
     * Runs a node as a process of its own until it is killed: what the benchmark starts beside the service
     * (bench/scenarios/search.sh). Arguments: the HTTP port and the node's directory.
     */
    public static void main(String[] args) throws Exception {
        OpenSearchTestNode node = new OpenSearchTestNode(Path.of(args[1]), Integer.parseInt(args[0])).start();
        Runtime.getRuntime().addShutdownHook(new Thread(node::stop));
        Thread.currentThread().join();
    }

    /** The node's REST address, for {@code shop.search.opensearch.hosts}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized OpenSearchTestNode start() {
        if (node != null) {
            return this;
        }
        long started = System.nanoTime();
        Settings settings = Settings.builder()
                .put("cluster.name", "storefront-test")
                .put("node.name", "storefront-test-node")
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("network.host", "127.0.0.1")
                .put("http.port", port)
                .put("transport.port", 0)
                .put("discovery.type", "single-node")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null,
                () -> "storefront-test-node");
        try {
            node = new PluggedNode(environment, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class));
            node.start();
        } catch (Exception e) {
            node = null;
            throw new IllegalStateException("OpenSearch test node did not start", e);
        }
        int bound = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        if (bound != port) {
            throw new IllegalStateException("OpenSearch test node bound " + bound + ", asked for " + port);
        }
        System.out.printf("OpenSearch test node up at %s in %d ms%n", url(), (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    public synchronized void stop() {
        if (node == null) {
            return;
        }
        try {
            node.close();
            node.awaitClose(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            node = null;
        }
    }

    /** Stops the node and deletes its data: the next {@link #start()} is a new, empty cluster at the same address. */
    public synchronized void stopAndWipe() {
        stop();
        try (var files = Files.walk(home.resolve("data"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is not a test failure
        }
    }

    /** Node's constructor that takes classpath plugins is protected. */
    private static final class PluggedNode extends Node {
        PluggedNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }
}
