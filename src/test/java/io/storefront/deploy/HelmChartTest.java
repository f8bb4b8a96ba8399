package io.storefront.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Helm chart without a helm binary: Chart.yaml and values.yaml parse, every {@code .Values} path a template uses
 * exists in values.yaml, every helper a template includes is defined, and the Deployment template probes the
 * application's health endpoints on its port. Its defaults match the settings of k8s/, so both install the same service.
 * The OpenSearch settings are rendered only inside the template's {@code if} blocks for the opensearch engine (found by
 * following the template's block actions), and the password only from a Secret. A CA certificate for the cluster is
 * mounted, and named to the service, only when its Secret is set, and at the same path as by the Kubernetes component.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm/storefront");
    private static final Path TEMPLATES = CHART.resolve("templates");
    private static final Pattern VALUES_REFERENCE = Pattern.compile("\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");
    private static final Pattern INCLUDE = Pattern.compile("(?:include|template) \"([^\"]+)\"");
    private static final Pattern DEFINE = Pattern.compile("define \"([^\"]+)\"");
    /** A template action, {{ ... }} with or without the whitespace-trimming dashes. */
    private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}", Pattern.DOTALL);
    private static final Pattern OPENSEARCH_SETTING = Pattern.compile("SHOP_SEARCH_OPENSEARCH_[A-Z_]+");
    private static final String OPENSEARCH_ENGINE = "if eq .Values.search.engine \"opensearch\"";
    private static final Path OPENSEARCH_COMPONENT = Path.of("k8s/components/opensearch");
    private static final Path OPENSEARCH_CA_COMPONENT = Path.of("k8s/components/opensearch-ca");
    private static final String WITH_CA = "if .Values.search.opensearch.caSecret";

    private final int appPort = DeploymentFiles.applicationHttpPort();

    @Test
    void shouldDescribeTheChartInChartYaml() {
        JsonNode chart = single(CHART.resolve("Chart.yaml"));

        assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
        assertThat(chart.path("name").asText()).isEqualTo(CHART.getFileName().toString());
        assertThat(chart.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+([-+].*)?");
        assertThat(chart.path("appVersion").asText()).isNotBlank();
    }

    @Test
    void shouldDefineEveryValueTheTemplatesUse() throws IOException {
        JsonNode values = single(CHART.resolve("values.yaml"));
        Set<String> used = new TreeSet<>();
        for (Path template : templates()) {
            Matcher reference = VALUES_REFERENCE.matcher(Files.readString(template));
            while (reference.find()) {
                used.add(reference.group(1).substring(1));
            }
        }

        assertThat(used).as("the templates use values").hasSizeGreaterThan(20);
        assertThat(used).as("paths used in templates/ but missing from values.yaml")
                .filteredOn(path -> !exists(values, path)).isEmpty();
    }

    @Test
    void shouldDefineEveryHelperTheTemplatesInclude() throws IOException {
        Set<String> defined = new TreeSet<>();
        Set<String> included = new TreeSet<>();
        for (Path template : templates()) {
            String text = Files.readString(template);
            DEFINE.matcher(text).results().forEach(match -> defined.add(match.group(1)));
            INCLUDE.matcher(text).results().forEach(match -> included.add(match.group(1)));
        }

        assertThat(defined).containsAll(included);
    }

    @Test
    void shouldProbeTheHealthEndpointsOnTheApplicationPort() throws IOException {
        String deployment = Files.readString(TEMPLATES.resolve("deployment.yaml"));
        Matcher port = Pattern.compile("- name: (\\S+)\\s+containerPort: (\\S+)").matcher(deployment);
        assertThat(port.find()).as("a named container port").isTrue();
        String portName = port.group(1);

        assertThat(port.group(2)).isEqualTo(String.valueOf(appPort));
        assertThat(probe(deployment, "startupProbe")).containsExactly("/q/health/started", portName);
        assertThat(probe(deployment, "livenessProbe")).containsExactly("/q/health/live", portName);
        assertThat(probe(deployment, "readinessProbe")).containsExactly("/q/health/ready", portName);
        assertThat(deployment).contains("prometheus.io/port: \"" + appPort + "\"", "prometheus.io/path: /q/metrics");
        assertThat(Files.readString(TEMPLATES.resolve("service.yaml"))).contains("targetPort: " + portName);
    }

    @Test
    void shouldDefaultToTheSettingsOfTheKubernetesManifests() {
        JsonNode values = single(CHART.resolve("values.yaml"));
        JsonNode config = single(Path.of("k8s/app/configmap.yaml")).path("data");
        JsonNode hpa = single(Path.of("k8s/app/hpa.yaml")).path("spec");

        assertThat(values.at("/checkout/reservationTtl").asText()).isEqualTo(config.path("SHOP_CHECKOUT_RESERVATION_TTL").asText());
        assertThat(values.at("/jobs/reaperInterval").asText()).isEqualTo(config.path("SHOP_CHECKOUT_REAPER_INTERVAL").asText());
        assertThat(values.at("/jobs/assignmentInterval").asText()).isEqualTo(config.path("SHOP_ASSIGNMENT_INTERVAL").asText());
        assertThat(values.at("/jobs/outboxInterval").asText()).isEqualTo(config.path("SHOP_OUTBOX_INTERVAL").asText());
        assertThat(values.at("/search/engine").asText()).isEqualTo(config.path("SHOP_SEARCH_ENGINE").asText());
        assertThat(values.at("/database/poolMaxSize").asText()).isEqualTo(config.path("QUARKUS_DATASOURCE_JDBC_MAX_SIZE").asText());
        assertThat(values.at("/shutdown/timeout").asText()).isEqualTo(config.path("QUARKUS_SHUTDOWN_TIMEOUT").asText());
        assertThat(values.at("/autoscaling/minReplicas").asInt()).isEqualTo(hpa.path("minReplicas").asInt());
        assertThat(values.at("/autoscaling/maxReplicas").asInt()).isEqualTo(hpa.path("maxReplicas").asInt());
        assertThat(values.at("/autoscaling/maxReplicas").asInt() * values.at("/database/poolMaxSize").asInt())
                .as("maxReplicas x pool size within the CloudNativePG cluster's max_connections")
                .isLessThan(values.at("/postgresql/cnpg/maxConnections").asInt());
    }

    @Test
    void shouldRenderTheOpenSearchSettingsOnlyForTheOpenSearchEngine() throws IOException {
        JsonNode values = single(CHART.resolve("values.yaml"));
        Set<String> rendered = new TreeSet<>();
        for (Path template : templates()) {
            String text = Files.readString(template);
            Matcher setting = OPENSEARCH_SETTING.matcher(text);
            while (setting.find()) {
                rendered.add(setting.group());
                assertThat(blocksAt(text, setting.start())).as("%s in %s", setting.group(), template.getFileName())
                        .contains(OPENSEARCH_ENGINE);
            }
        }

        assertThat(rendered).containsExactlyInAnyOrder("SHOP_SEARCH_OPENSEARCH_HOSTS", "SHOP_SEARCH_OPENSEARCH_INDEX",
                "SHOP_SEARCH_OPENSEARCH_SHARDS", "SHOP_SEARCH_OPENSEARCH_REPLICAS", "SHOP_SEARCH_OPENSEARCH_USERNAME",
                "SHOP_SEARCH_OPENSEARCH_PASSWORD", "SHOP_SEARCH_OPENSEARCH_CA_CERTIFICATE");
        assertThat(values.at("/search/engine").asText()).as("the default engine renders none of them")
                .isNotEqualTo("opensearch");
    }

    @Test
    void shouldTakeTheOpenSearchPasswordFromASecretOnly() throws IOException {
        JsonNode values = single(CHART.resolve("values.yaml"));
        String deployment = Files.readString(TEMPLATES.resolve("deployment.yaml"));
        String helpers = Files.readString(TEMPLATES.resolve("_helpers.tpl"));
        Matcher password = Pattern.compile("- name: SHOP_SEARCH_OPENSEARCH_PASSWORD\\s+valueFrom:\\s+secretKeyRef:\\s+"
                + "name: \\{\\{ include \"([^\"]+)\" \\. }}\\s+key: \\{\\{ \\.Values\\.search\\.opensearch\\.passwordKey }}")
                .matcher(deployment);
        assertThat(password.find()).as("the password env var from a secretKeyRef").isTrue();
        Matcher secret = Pattern.compile("define \"" + Pattern.quote(password.group(1)) + "\" -}}\\s*\\{\\{-? (.*?) }}")
                .matcher(helpers);
        assertThat(secret.find()).as("the helper %s", password.group(1)).isTrue();

        assertThat(secret.group(1)).as("the Secret is required, never made up").startsWith("required ")
                .endsWith(".Values.search.opensearch.existingSecret");
        assertThat(blocksAt(deployment, password.start())).as("sent only with a user to send it for")
                .contains(OPENSEARCH_ENGINE, "if .Values.search.opensearch.username");
        assertThat(values.at("/search/opensearch").has("password")).as("no password value in the chart").isFalse();
        assertThat(values.at("/search/opensearch/passwordKey").asText()).isNotBlank();
        assertThat(Files.readString(TEMPLATES.resolve("configmap.yaml"))).doesNotContain("PASSWORD");
        assertThat(Files.readString(TEMPLATES.resolve("secret.yaml"))).doesNotContain("opensearch");
    }

    @Test
    void shouldDefaultToTheOpenSearchSettingsOfTheKubernetesComponent() {
        JsonNode opensearch = single(CHART.resolve("values.yaml")).at("/search/opensearch");
        JsonNode config = single(OPENSEARCH_COMPONENT.resolve("configmap-patch.yaml")).path("data");
        JsonNode password = single(OPENSEARCH_COMPONENT.resolve("deployment-patch.yaml"))
                .at("/spec/template/spec/containers/0/env/0");

        assertThat(config.path("SHOP_SEARCH_ENGINE").asText()).isEqualTo("opensearch");
        assertThat(opensearch.path("hosts").asText()).isEqualTo(config.path("SHOP_SEARCH_OPENSEARCH_HOSTS").asText());
        assertThat(opensearch.path("index").asText()).isEqualTo(config.path("SHOP_SEARCH_OPENSEARCH_INDEX").asText());
        assertThat(opensearch.path("shards").asText()).isEqualTo(config.path("SHOP_SEARCH_OPENSEARCH_SHARDS").asText());
        assertThat(opensearch.path("replicas").asText()).isEqualTo(config.path("SHOP_SEARCH_OPENSEARCH_REPLICAS").asText());
        assertThat(opensearch.path("username").asText()).isEqualTo(config.path("SHOP_SEARCH_OPENSEARCH_USERNAME").asText());
        assertThat(password.path("name").asText()).isEqualTo("SHOP_SEARCH_OPENSEARCH_PASSWORD");
        assertThat(opensearch.path("existingSecret").asText()).isEqualTo(password.at("/valueFrom/secretKeyRef/name").asText());
        assertThat(opensearch.path("passwordKey").asText()).isEqualTo(password.at("/valueFrom/secretKeyRef/key").asText());
    }

    @Test
    void shouldMountTheOpenSearchCaOnlyWhenItsSecretIsSet() throws IOException {
        JsonNode opensearch = single(CHART.resolve("values.yaml")).at("/search/opensearch");
        String config = Files.readString(TEMPLATES.resolve("configmap.yaml"));
        String deployment = Files.readString(TEMPLATES.resolve("deployment.yaml"));
        Matcher setting = Pattern.compile("SHOP_SEARCH_OPENSEARCH_CA_CERTIFICATE: (\\S+)").matcher(config);
        assertThat(setting.find()).as("the CA file among the ConfigMap's settings").isTrue();
        Path file = Path.of(setting.group(1));
        Matcher mount = Pattern.compile("- name: (\\S+)\\s+mountPath: " + Pattern.quote(file.getParent().toString())
                + "\\s+readOnly: true").matcher(deployment);
        assertThat(mount.find()).as("a read-only mount at %s", file.getParent()).isTrue();
        Matcher volume = Pattern.compile("- name: " + Pattern.quote(mount.group(1)) + "\\s+secret:\\s+"
                + "secretName: \\{\\{ \\.Values\\.search\\.opensearch\\.caSecret }}\\s+"
                + "items:\\s+- key: \\{\\{ ([^}]*) }}\\s+path: (\\S+)\\s").matcher(deployment);
        assertThat(volume.find()).as("the volume %s from the Secret caSecret", mount.group(1)).isTrue();

        assertThat(volume.group(1)).as("only the key caKey of the Secret").endsWith(".Values.search.opensearch.caKey");
        assertThat(volume.group(2)).as("the file the setting names").isEqualTo(file.getFileName().toString());
        assertThat(blocksAt(config, setting.start())).as("the setting").contains(OPENSEARCH_ENGINE, WITH_CA);
        assertThat(blocksAt(deployment, mount.start())).as("the mount").contains(OPENSEARCH_ENGINE, WITH_CA);
        assertThat(blocksAt(deployment, volume.start())).as("the volume").contains(OPENSEARCH_ENGINE, WITH_CA);
        Matcher anyUse = Pattern.compile(Pattern.quote(mount.group(1)) + "|opensearch\\.ca[A-Z]").matcher(deployment);
        while (anyUse.find()) {
            assertThat(blocksAt(deployment, anyUse.start())).as("%s at %d of deployment.yaml", anyUse.group(), anyUse.start())
                    .contains(OPENSEARCH_ENGINE, WITH_CA);
        }
        assertThat(opensearch.path("caSecret").isTextual()).as("caSecret in values.yaml").isTrue();
        assertThat(opensearch.path("caSecret").asText()).as("by default none: the runtime's trust store").isEmpty();
        assertThat(opensearch.path("caKey").asText()).isEqualTo("ca.crt");
    }

    @Test
    void shouldMountTheOpenSearchCaWhereTheKubernetesComponentDoes() throws IOException {
        JsonNode opensearch = single(CHART.resolve("values.yaml")).at("/search/opensearch");
        Matcher setting = Pattern.compile("SHOP_SEARCH_OPENSEARCH_CA_CERTIFICATE: (\\S+)")
                .matcher(Files.readString(TEMPLATES.resolve("configmap.yaml")));
        assertThat(setting.find()).isTrue();
        JsonNode config = single(OPENSEARCH_CA_COMPONENT.resolve("configmap-patch.yaml")).path("data");
        JsonNode pod = single(OPENSEARCH_CA_COMPONENT.resolve("deployment-patch.yaml")).at("/spec/template/spec");

        assertThat(config.path("SHOP_SEARCH_OPENSEARCH_CA_CERTIFICATE").asText()).isEqualTo(setting.group(1));
        assertThat(pod.at("/containers/0/volumeMounts/0/mountPath").asText())
                .isEqualTo(Path.of(setting.group(1)).getParent().toString());
        assertThat(pod.at("/volumes/0/secret/items/0/key").asText()).isEqualTo(opensearch.path("caKey").asText());
    }

    /**
     * The block actions ({@code if}, {@code with}, {@code range}, {@code define}) that enclose a position of a
     * template, outermost first; inside an {@code else} branch a block reads {@code else of <action>}, so that it no
     * longer counts as its condition.
     */
    private static List<String> blocksAt(String template, int position) {
        List<String> blocks = new ArrayList<>();
        Matcher action = ACTION.matcher(template);
        while (action.find() && action.start() < position) {
            String text = action.group(1);
            if (text.startsWith("/*")) {
                continue;
            }
            if (text.equals("end")) {
                assertThat(blocks).as("an end without a block").isNotEmpty();
                blocks.remove(blocks.size() - 1);
            } else if (text.equals("else") || text.startsWith("else ")) {
                blocks.set(blocks.size() - 1, "else of " + blocks.get(blocks.size() - 1));
            } else if (text.matches("(if|with|range|define|block) .*")) {
                blocks.add(text);
            }
        }
        return blocks;
    }

    /** The path and port of a probe in the Deployment template. */
    private static List<String> probe(String deployment, String probe) {
        Matcher matcher = Pattern.compile(probe + ":\\s+httpGet:\\s+path: (\\S+)\\s+port: (\\S+)").matcher(deployment);
        assertThat(matcher.find()).as("%s with an httpGet path and port", probe).isTrue();
        return List.of(matcher.group(1), matcher.group(2));
    }

    private static boolean exists(JsonNode values, String dottedPath) {
        JsonNode node = values;
        for (String key : dottedPath.split("\\.")) {
            if (!node.isObject() || !node.has(key)) {
                return false;
            }
            node = node.get(key);
        }
        return true;
    }

    private static JsonNode single(Path file) {
        List<JsonNode> documents = DeploymentFiles.documents(file);
        assertThat(documents).as("%s holds one YAML document", file).hasSize(1);
        assertThat(documents.get(0).isObject()).as("%s is a map", file).isTrue();
        return documents.get(0);
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            List<Path> templates = new ArrayList<>(files.filter(Files::isRegularFile).sorted().toList());
            assertThat(templates).extracting(path -> path.getFileName().toString())
                    .contains("_helpers.tpl", "deployment.yaml", "service.yaml", "hpa.yaml", "pdb.yaml", "configmap.yaml");
            return templates;
        }
    }
}
