package io.storefront.catalog.search.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.storefront.shared.ShopConfig;

/**
 * The HTTP client the OpenSearch engine builds, against a stand-in server that records what it is sent: it asks for
 * no compressed answers (a Brotli answer once killed its I/O thread in the packaged service), sends basic auth, and
 * trusts a private CA given as a PEM file while refusing the same server without it.
 */
class OpenSearchClientTest {

    private static final Path CA = Path.of("src/test/resources/tls/opensearch-test-ca.pem");

    private final List<String> acceptEncodings = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private OpenSearchTransport transport;

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldAskForUncompressedAnswersAndSendCredentials() throws Exception {
        challenge = true;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::green);
        server.start();

        String status = catalog("http://127.0.0.1:" + server.getAddress().getPort(), Optional.of("storefront"),
                Optional.empty()).clusterStatus();

        assertThat(status).isEqualTo("green");
        assertThat(acceptEncodings).allSatisfy(encoding -> assertThat(encoding).doesNotContain("br", "gzip"));
        assertThat(authorizations).last().asString().startsWith("Basic ");
    }

    @Test
    void shouldTrustAPrivateCaOnlyWhenGivenIt() throws Exception {
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverTls()));
        https.createContext("/", this::green);
        https.start();
        server = https;
        String url = "https://127.0.0.1:" + https.getAddress().getPort();

        assertThat(catalog(url, Optional.empty(), Optional.of(CA.toString())).clusterStatus()).isEqualTo("green");
        transport.close();
        assertThatThrownBy(() -> catalog(url, Optional.empty(), Optional.empty()).clusterStatus())
                .isInstanceOf(OpenSearchCatalog.Unavailable.class);
    }

    @Test
    void shouldRefuseACaFileWithoutCertificates() {
        assertThatThrownBy(() -> OpenSearchEngine.trusting("pom.xml")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ca-certificate");
    }

    private OpenSearchCatalog catalog(String url, Optional<String> user, Optional<String> ca) {
        transport = OpenSearchEngine.transport(List.of(url), new Settings(user, ca));
        return new OpenSearchCatalog(new OpenSearchClient(transport).generic(), new ObjectMapper(), "items");
    }

    private void green(HttpExchange exchange) throws java.io.IOException {
        acceptEncodings.add(String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding")));
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        if (challenge && exchange.getRequestHeaders().getFirst("Authorization") == null) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"opensearch\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        byte[] body = "{\"status\":\"green\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** Whether the server asks for credentials, as a cluster with the security plugin does. */
    private volatile boolean challenge;

    private static SSLContext serverTls() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = OpenSearchClientTest.class.getResourceAsStream("/tls/opensearch-test-server.p12")) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }

    /** The engine's settings with what these tests vary; the rest as configured by default. */
    private record Settings(Optional<String> username, Optional<String> caCertificate)
            implements ShopConfig.Search.OpenSearch {
        @Override
        public Optional<List<String>> hosts() {
            return Optional.empty();
        }

        @Override
        public Optional<String> password() {
            return username.map(user -> "secret");
        }

        @Override
        public String index() {
            return "items";
        }

        @Override
        public int shards() {
            return 1;
        }

        @Override
        public int replicas() {
            return 0;
        }

        @Override
        public String indexRefreshInterval() {
            return "1s";
        }

        @Override
        public Duration pollInterval() {
            return Duration.ofMillis(500);
        }

        @Override
        public Duration lease() {
            return Duration.ofSeconds(15);
        }

        @Override
        public int bulkSize() {
            return 1000;
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration responseTimeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Duration retryMax() {
            return Duration.ofSeconds(30);
        }
    }
}
