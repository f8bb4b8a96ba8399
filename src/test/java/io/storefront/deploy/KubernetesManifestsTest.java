package io.storefront.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Every manifest under k8s/ is a valid Kubernetes object (read into the API types, unknown fields refused) and agrees
 * with the application and with the other manifests: probes and Service on the application's port, every setting
 * the pods read present, the database where the JDBC URL says it is, the connection budget within max_connections.
 * The patches of a kustomization (such as the OpenSearch components') are read into the same types, kept apart from
 * the objects, and must patch objects that exist. Plain JUnit: no Quarkus, no cluster.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final String APP = "storefront";
    private static final String SECRET_TEMPLATE = "secret.example.yaml";
    private static final Path OPENSEARCH_COMPONENT = K8S.resolve("components/opensearch");
    private static final Path OPENSEARCH_CA_COMPONENT = K8S.resolve("components/opensearch-ca");
    private static final String OPENSEARCH_SETTING = "SHOP_SEARCH_OPENSEARCH_";

    /** The API types this test knows, by apiVersion and kind; anything else under k8s/ fails the test. */
    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    /** Custom resources, checked as plain trees: their operators' types are not on the classpath. */
    private static final Set<String> CUSTOM_RESOURCES = Set.of("postgresql.cnpg.io/v1/Cluster");

    private static final List<HasMetadata> objects = new ArrayList<>();
    private static final List<JsonNode> customResources = new ArrayList<>();
    private static final List<Path> kustomizations = new ArrayList<>();
    /** What the kustomizations' patches hold, by patch file: partial objects, merged into {@link #objects} by name. */
    private static final Map<Path, List<HasMetadata>> patches = new HashMap<>();
    private static final int appPort = DeploymentFiles.applicationHttpPort();

    @BeforeAll
    static void readEveryManifest() throws IOException {
        List<Path> manifests;
        try (Stream<Path> files = Files.walk(K8S)) {
            manifests = files.filter(KubernetesManifestsTest::isYaml).sorted().toList();
        }
        Set<Path> patchFiles = new HashSet<>();
        for (Path file : manifests) {
            if (file.getFileName().toString().startsWith("kustomization.")) {
                kustomizations.add(file);
                patchFiles.addAll(listed(file, "patches"));
            }
        }
        for (Path file : manifests) {
            if (kustomizations.contains(file)) {
                continue;
            }
            for (JsonNode document : DeploymentFiles.documents(file)) {
                String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                if (patchFiles.contains(file.normalize()) && TYPES.containsKey(type)) {
                    patches.computeIfAbsent(file.normalize(), f -> new ArrayList<>()).add(read(file, document, TYPES.get(type)));
                } else if (CUSTOM_RESOURCES.contains(type)) {
                    customResources.add(document);
                } else if (TYPES.containsKey(type)) {
                    objects.add(read(file, document, TYPES.get(type)));
                } else {
                    throw new AssertionError(file + ": " + type + " is not a type this test knows; add it to TYPES");
                }
            }
        }
    }

    // ------------------------------------------------------------------ every file

    @Test
    void shouldReadEveryManifestIntoTheKubernetesTypes() {
        assertThat(objects).extracting(HasMetadata::getKind)
                .contains("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ConfigMap",
                        "Secret", "StatefulSet");
        assertThat(customResources).extracting(cr -> cr.path("kind").asText()).contains("Cluster");
        assertThat(objects).allSatisfy(object -> assertThat(object.getMetadata().getName()).isNotBlank()
                .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"));
        assertThat(objects).as("manifests stay namespace-less; the namespace comes from kubectl -n")
                .allSatisfy(object -> assertThat(object.getMetadata().getNamespace()).isNull());
    }

    @Test
    void shouldRefuseAMisspelledField() {
        JsonNode misspelled = tree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          livenesProbe: {httpGet: {path: /q/health/live, port: http}}
                """);

        assertThatThrownBy(() -> read(Path.of("inline"), misspelled, Deployment.class))
                .hasMessageContaining("livenesProbe");
    }

    @Test
    void shouldListOnlyExistingResourcesInEveryKustomization() {
        assertThat(kustomizations).contains(K8S.resolve("kustomization.yaml"), OPENSEARCH_COMPONENT.resolve("kustomization.yaml"),
                OPENSEARCH_CA_COMPONENT.resolve("kustomization.yaml"));
        for (Path kustomization : kustomizations) {
            JsonNode root = DeploymentFiles.documents(kustomization).get(0);
            if ("Component".equals(root.path("kind").asText())) {
                assertThat(root.path("apiVersion").asText()).isEqualTo("kustomize.config.k8s.io/v1alpha1");
                assertThat(root.path("patches").isArray()).as(kustomization + " lists patches").isTrue();
            } else {
                assertThat(root.path("resources").isArray()).as(kustomization + " lists resources").isTrue();
            }
            for (Path resource : listed(kustomization, "resources")) {
                assertThat(Files.isRegularFile(resource) || Files.isRegularFile(resource.resolve("kustomization.yaml")))
                        .as("%s lists %s, which is neither a file nor a kustomization", kustomization, resource)
                        .isTrue();
                assertThat(resource.getFileName().toString())
                        .as("%s must not apply the Secret template", kustomization).isNotEqualTo(SECRET_TEMPLATE);
            }
            for (Path component : listed(kustomization, "components")) {
                assertThat(component.resolve("kustomization.yaml")).as("%s lists the component %s", kustomization, component)
                        .isRegularFile();
            }
            for (Path patch : listed(kustomization, "patches")) {
                assertThat(patch).as("%s lists the patch %s", kustomization, patch).isRegularFile();
                assertThat(patches.get(patch)).as("%s patches Kubernetes objects", patch).isNotEmpty();
            }
        }
    }

    @Test
    void shouldPatchOnlyObjectsThatExist() {
        assertThat(patches).isNotEmpty();
        patches.forEach((file, patched) -> assertThat(patched).allSatisfy(patch -> assertThat(all(patch.getClass()))
                .as("%s patches %s %s", file, patch.getKind(), patch.getMetadata().getName())
                .anySatisfy(object -> assertThat(object.getMetadata().getName()).isEqualTo(patch.getMetadata().getName()))));
    }

    // ------------------------------------------------------------------ the service's pods

    @Test
    void shouldProbeTheHealthEndpointsOnTheApplicationPort() {
        Container container = appContainer();

        assertThat(probePath(container.getStartupProbe())).isEqualTo("/q/health/started");
        assertThat(probePath(container.getLivenessProbe())).isEqualTo("/q/health/live");
        assertThat(probePath(container.getReadinessProbe())).isEqualTo("/q/health/ready");
        for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
            assertThat(containerPort(container, probe.getHttpGet().getPort()))
                    .as("port of the %s probe", probe.getHttpGet().getPath()).isEqualTo(appPort);
        }
    }

    @Test
    void shouldSendServiceTrafficToTheApplicationPort() {
        Deployment deployment = appDeployment();
        Service service = named(Service.class, APP);

        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(80);
            assertThat(containerPort(appContainer(), port.getTargetPort())).isEqualTo(appPort);
        });
        assertThat(podLabels(deployment.getSpec().getTemplate())).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(service.getSpec().getSelector());
    }

    @Test
    void shouldRunAsNonRootOnAReadOnlyFilesystem() {
        PodSpec pod = appDeployment().getSpec().getTemplate().getSpec();
        Container container = appContainer();
        PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        SecurityContext context = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);

        assertThat(first(context.getRunAsNonRoot(), podContext.getRunAsNonRoot())).isTrue();
        assertThat(first(context.getRunAsUser(), podContext.getRunAsUser())).isEqualTo(1001L);
        assertThat(context.getReadOnlyRootFilesystem()).isTrue();
        assertThat(context.getAllowPrivilegeEscalation()).isFalse();
        assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(first(context.getSeccompProfile(), podContext.getSeccompProfile()).getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        // The one writable place on the read-only filesystem.
        String tmpVolume = mountedVolume(container, "/tmp");
        assertThat(volume(pod, tmpVolume).getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
        // The search index is written too: a volume of the pod's own, kept across container restarts.
        String indexVolume = mountedVolume(container, appConfig().get("SHOP_SEARCH_INDEX_DIR"));
        assertThat(volume(pod, indexVolume).getEmptyDir()).as("the search index is an emptyDir").isNotNull();
        assertThat(volume(pod, indexVolume).getEmptyDir().getSizeLimit()).as("bounded").isNotNull();
    }

    @Test
    void shouldRequestAndLimitCpuAndMemoryForEveryContainer() {
        List<Container> containers = new ArrayList<>(appDeployment().getSpec().getTemplate().getSpec().getContainers());
        all(StatefulSet.class).forEach(set -> containers.addAll(set.getSpec().getTemplate().getSpec().getContainers()));

        assertThat(containers).allSatisfy(container -> {
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = container.getResources().getRequests().get(resource);
                Quantity limit = container.getResources().getLimits().get(resource);
                assertThat(request).as("%s request of %s", resource, container.getName()).isNotNull();
                assertThat(limit).as("%s limit of %s", resource, container.getName()).isNotNull();
                assertThat(request.getNumericalAmount()).isLessThanOrEqualTo(limit.getNumericalAmount());
            }
        });
    }

    @Test
    void shouldLetPrometheusScrapeTheMetricsEndpoint() {
        Map<String, String> annotations = appDeployment().getSpec().getTemplate().getMetadata().getAnnotations();

        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/q/metrics")
                .containsEntry("prometheus.io/port", String.valueOf(appPort));
    }

    @Test
    void shouldDrainWithinTheTerminationGracePeriod() {
        PodSpec pod = appDeployment().getSpec().getTemplate().getSpec();
        List<String> preStop = appContainer().getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        long preStopSeconds = Long.parseLong(preStop.get(1));
        Duration drain = quarkusDuration(appConfig().get("QUARKUS_SHUTDOWN_TIMEOUT"));

        assertThat(Duration.ofSeconds(pod.getTerminationGracePeriodSeconds()))
                .as("the grace period covers the preStop sleep and Quarkus' drain")
                .isGreaterThan(drain.plusSeconds(preStopSeconds));
    }

    // ------------------------------------------------------------------ settings

    @Test
    void shouldFindEverySettingThePodsReadInTheConfigMapsAndSecrets() {
        Map<String, Set<String>> secretKeys = secretKeys();
        Map<String, Set<String>> configMapKeys = new HashMap<>();
        all(ConfigMap.class).forEach(map -> configMapKeys.put(map.getMetadata().getName(), map.getData().keySet()));

        for (PodSpec pod : podSpecs()) {
            for (Container container : pod.getContainers()) {
                for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var secretRef = env.getValueFrom().getSecretKeyRef();
                    var configMapRef = env.getValueFrom().getConfigMapKeyRef();
                    if (secretRef != null) {
                        assertThat(secretKeys).as("Secret of %s", env.getName()).containsKey(secretRef.getName());
                        assertThat(secretKeys.get(secretRef.getName())).as("key of %s", env.getName())
                                .contains(secretRef.getKey());
                    }
                    if (configMapRef != null) {
                        assertThat(configMapKeys).as("ConfigMap of %s", env.getName()).containsKey(configMapRef.getName());
                        assertThat(configMapKeys.get(configMapRef.getName())).as("key of %s", env.getName())
                                .contains(configMapRef.getKey());
                    }
                }
                for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
                    if (source.getConfigMapRef() != null) {
                        assertThat(configMapKeys).containsKey(source.getConfigMapRef().getName());
                    }
                    if (source.getSecretRef() != null) {
                        assertThat(secretKeys).containsKey(source.getSecretRef().getName());
                    }
                }
            }
            for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
                if (volume.getSecret() != null) {
                    assertThat(secretKeys).as("Secret of volume %s", volume.getName())
                            .containsKey(volume.getSecret().getSecretName());
                }
            }
        }
    }

    @Test
    void shouldGiveTheServiceEverySettingProductionNeeds() {
        Set<String> provided = new HashSet<>(appConfig().keySet());
        appContainer().getEnv().forEach(env -> provided.add(env.getName()));

        assertThat(provided).contains("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD", "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER",
                "MP_JWT_VERIFY_AUDIENCES",
                "QUARKUS_SHUTDOWN_TIMEOUT", "SHOP_CHECKOUT_RESERVATION_TTL");
        assertThat(Duration.parse(appConfig().get("SHOP_CHECKOUT_RESERVATION_TTL"))).isPositive();
        for (String interval : List.of("SHOP_CHECKOUT_REAPER_INTERVAL", "SHOP_ASSIGNMENT_INTERVAL", "SHOP_OUTBOX_INTERVAL")) {
            assertThat(quarkusDuration(appConfig().get(interval))).as(interval).isPositive();
        }
    }

    @Test
    void shouldMountTheJwtPublicKeyWhereTheServiceLooksForIt() {
        Path location = Path.of(appConfig().get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        Container container = appContainer();
        String volumeName = mountedVolume(container, location.getParent().toString());
        Volume volume = volume(appDeployment().getSpec().getTemplate().getSpec(), volumeName);

        assertThat(volume.getSecret()).as("the key comes from a Secret").isNotNull();
        assertThat(secretKeys().get(volume.getSecret().getSecretName()))
                .as("the Secret has the file the service reads").contains(location.getFileName().toString());
    }

    // ------------------------------------------------------------------ scaling

    @Test
    void shouldAutoscaleTheDeployment() {
        HorizontalPodAutoscaler hpa = named(HorizontalPodAutoscaler.class, APP);

        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        assertThat(named(Deployment.class, hpa.getSpec().getScaleTargetRef().getName())).isNotNull();
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
        assertThat(hpa.getSpec().getMetrics()).anySatisfy(metric -> {
            assertThat(metric.getResource().getName()).isEqualTo("cpu");
            assertThat(metric.getResource().getTarget().getAverageUtilization()).isBetween(1, 100);
        });
        assertThat(appDeployment().getSpec().getReplicas())
                .as("the HPA owns the replica count; a replicas field would reset it on every kubectl apply").isNull();
    }

    @Test
    void shouldBudgetDisruptionsOfTheServicePods() {
        PodDisruptionBudget pdb = named(PodDisruptionBudget.class, APP);

        assertThat(podLabels(appDeployment().getSpec().getTemplate()))
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMaxUnavailable() != null || pdb.getSpec().getMinAvailable() != null).isTrue();
    }

    // ------------------------------------------------------------------ search on OpenSearch

    @Test
    void shouldSearchTheLuceneIndexUnlessTheOpenSearchComponentIsAdded() {
        assertThat(appConfig()).containsEntry("SHOP_SEARCH_ENGINE", "lucene");
        assertThat(appConfig().keySet()).noneMatch(key -> key.startsWith(OPENSEARCH_SETTING));
        assertThat(appContainer().getEnv()).extracting(EnvVar::getName).noneMatch(name -> name.startsWith(OPENSEARCH_SETTING));
        for (Path kustomization : kustomizations) {
            assertThat(listed(kustomization, "components")).as("%s keeps the default engine", kustomization)
                    .doesNotContain(OPENSEARCH_COMPONENT, OPENSEARCH_CA_COMPONENT);
        }
    }

    @Test
    void shouldPointTheOpenSearchComponentAtAClusterWithThePasswordFromASecret() {
        Map<String, String> settings = componentPatch(OPENSEARCH_COMPONENT, ConfigMap.class).getData();
        Container container = patchedAppContainer(componentPatch(OPENSEARCH_COMPONENT, Deployment.class));

        assertThat(componentPatch(OPENSEARCH_COMPONENT, ConfigMap.class).getMetadata().getName())
                .as("the ConfigMap the pods read").isEqualTo(appContainer().getEnvFrom().get(0).getConfigMapRef().getName());
        assertThat(settings).containsEntry("SHOP_SEARCH_ENGINE", "opensearch");
        assertThat(settings.get(OPENSEARCH_SETTING + "HOSTS")).as("the cluster's URLs").isNotBlank();
        for (String host : settings.get(OPENSEARCH_SETTING + "HOSTS").split(",")) {
            URI url = URI.create(host.trim());
            assertThat(url.getScheme()).as(host).isIn("http", "https");
            assertThat(url.getHost()).as(host).isNotBlank();
            assertThat(url.getPort()).as(host).isPositive();
        }
        assertThat(settings.get(OPENSEARCH_SETTING + "INDEX")).matches("[a-z0-9][-_a-z0-9]*");
        assertThat(Integer.parseInt(settings.get(OPENSEARCH_SETTING + "SHARDS"))).isPositive();
        assertThat(Integer.parseInt(settings.get(OPENSEARCH_SETTING + "REPLICAS"))).isNotNegative();
        assertThat(settings.get(OPENSEARCH_SETTING + "USERNAME")).isNotBlank();
        assertThat(settings.keySet()).as("no password in a ConfigMap").noneMatch(key -> key.contains("PASSWORD"));

        assertThat(container.getEnv()).singleElement().satisfies(env -> {
            assertThat(env.getName()).isEqualTo(OPENSEARCH_SETTING + "PASSWORD");
            assertThat(env.getValue()).as("never a plain value").isNull();
            var secretRef = env.getValueFrom().getSecretKeyRef();
            assertThat(secretKeys()).as("the Secret template describes the password's Secret").containsKey(secretRef.getName());
            assertThat(secretKeys().get(secretRef.getName())).contains(secretRef.getKey());
        });
    }

    @Test
    void shouldMountTheOpenSearchCaWhereTheCaComponentPointsTheService() {
        ConfigMap config = componentPatch(OPENSEARCH_CA_COMPONENT, ConfigMap.class);
        Deployment deployment = componentPatch(OPENSEARCH_CA_COMPONENT, Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = patchedAppContainer(deployment);
        PodSpec basePod = appDeployment().getSpec().getTemplate().getSpec();

        assertThat(config.getMetadata().getName()).as("the ConfigMap the pods read")
                .isEqualTo(appContainer().getEnvFrom().get(0).getConfigMapRef().getName());
        assertThat(config.getData()).as("the CA file only; the cluster's settings come from %s", OPENSEARCH_COMPONENT)
                .containsOnlyKeys(OPENSEARCH_SETTING + "CA_CERTIFICATE");
        Path file = Path.of(config.getData().get(OPENSEARCH_SETTING + "CA_CERTIFICATE"));
        assertThat(file.isAbsolute()).as("%s is a path in the container", file).isTrue();
        String volumeName = mountedVolume(container, file.getParent().toString());
        assertThat(container.getVolumeMounts()).singleElement().satisfies(mount -> assertThat(mount.getReadOnly()).isTrue());
        assertThat(container.getEnv()).as("the setting comes from the ConfigMap").isNullOrEmpty();
        Volume volume = volume(pod, volumeName);
        assertThat(volume.getSecret()).as("the CA certificate from a Secret").isNotNull();
        assertThat(volume.getSecret().getItems()).as("only the CA certificate, never another key of the Secret")
                .singleElement().satisfies(item -> {
                    assertThat(item.getPath()).as("the file the setting names").isEqualTo(file.getFileName().toString());
                    assertThat(secretKeys()).as("the Secret template describes the CA's Secret")
                            .containsKey(volume.getSecret().getSecretName());
                    assertThat(secretKeys().get(volume.getSecret().getSecretName())).containsExactly(item.getKey());
                });
        // A strategic merge matches volumes by name and mounts by path: both must be new to the base Deployment.
        assertThat(basePod.getVolumes()).extracting(Volume::getName).doesNotContain(volumeName);
        assertThat(appContainer().getVolumeMounts()).extracting(VolumeMount::getMountPath)
                .doesNotContain(file.getParent().toString());
    }

    // ------------------------------------------------------------------ the database

    @Test
    void shouldFindTheCloudNativePgClusterWhereTheJdbcUrlPoints() {
        URI url = jdbcUrl();
        JsonNode cluster = customResource("Cluster");
        JsonNode initdb = cluster.path("spec").path("bootstrap").path("initdb");

        assertThat(cluster.path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat(cluster.path("metadata").path("name").asText() + "-rw").isEqualTo(url.getHost());
        assertThat(cluster.path("spec").path("instances").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(cluster.path("spec").path("storage").path("size").asText()).isNotBlank();
        assertThat(cluster.path("spec").path("resources").path("requests").path("memory").asText())
                .as("the database pods' memory request").isNotBlank();
        assertThat(cluster.path("spec").path("resources").path("limits").path("memory").asText())
                .as("the database pods' memory limit").isNotBlank();
        assertThat(initdb.path("database").asText()).isEqualTo(databaseName(url));
        assertThat(initdb.path("owner").asText()).isNotBlank();
        assertThat(secretKeys().get(initdb.path("secret").path("name").asText()))
                .as("the owner's Secret").contains("username", "password");
        assertThat(url.getPort()).isEqualTo(5432);
    }

    @Test
    void shouldGiveTheDatabaseTheSearchThresholdTheServiceSets() throws IOException {
        Matcher set = Pattern.compile("new-connection-sql=SET (pg_trgm\\.word_similarity_threshold) = ([^;\\s]+)")
                .matcher(Files.readString(DeploymentFiles.APPLICATION_PROPERTIES));
        assertThat(set.find()).as("application.properties sets the threshold per connection").isTrue();
        List<String> bootstrapSql = new ArrayList<>();
        customResource("Cluster").path("spec").path("bootstrap").path("initdb").path("postInitApplicationSQL")
                .forEach(statement -> bootstrapSql.add(statement.asText()));

        assertThat(bootstrapSql).contains("ALTER DATABASE " + databaseName(jdbcUrl()) + " SET " + set.group(1) + " = "
                + set.group(2));
    }

    @Test
    void shouldFindTheSinglePostgresWhereTheJdbcUrlPoints() {
        URI url = jdbcUrl();
        Service service = named(Service.class, url.getHost());
        StatefulSet postgres = all(StatefulSet.class).get(0);
        Container container = postgres.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(podLabels(postgres.getSpec().getTemplate())).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(url.getPort());
            assertThat(containerPort(container, port.getTargetPort())).isEqualTo(5432);
        });
        assertThat(postgres.getSpec().getReplicas()).isEqualTo(1);
        assertThat(postgres.getSpec().getVolumeClaimTemplates()).isNotEmpty();
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("POSTGRES_DB");
            assertThat(env.getValue()).isEqualTo(databaseName(url));
        });
    }

    @Test
    void shouldKeepEveryPoolWithinTheDatabaseConnectionLimit() {
        int pools = named(HorizontalPodAutoscaler.class, APP).getSpec().getMaxReplicas()
                * Integer.parseInt(appConfig().get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE"));
        int cnpgLimit = customResource("Cluster").path("spec").path("postgresql").path("parameters")
                .path("max_connections").asInt();
        Matcher simple = Pattern.compile("max_connections=(\\d+)").matcher(
                String.join(" ", all(StatefulSet.class).get(0).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()));

        assertThat(pools).as("maxReplicas x pool size").isLessThan(cnpgLimit);
        assertThat(simple.find()).as("the single PostgreSQL sets max_connections").isTrue();
        assertThat(pools).isLessThan(Integer.parseInt(simple.group(1)));
    }

    // ------------------------------------------------------------------ helpers

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static <T> T read(Path file, JsonNode document, Class<T> type) {
        try {
            return DeploymentFiles.STRICT_YAML.treeToValue(document, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError(file + ": not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The files or directories that a kustomization lists under {@code field}, resolved against its directory. */
    private static List<Path> listed(Path kustomization, String field) {
        JsonNode root = DeploymentFiles.documents(kustomization).get(0);
        List<Path> paths = new ArrayList<>();
        for (JsonNode entry : root.path(field)) {
            String path = entry.isObject() ? entry.path("path").asText(null) : entry.asText();
            if (path != null) {
                paths.add(kustomization.getParent().resolve(path).normalize());
            }
        }
        return paths;
    }

    /** The one object of a type that a component (its directory) patches. */
    private static <T extends HasMetadata> T componentPatch(Path component, Class<T> type) {
        List<T> found = patches.entrySet().stream().filter(entry -> entry.getKey().getParent().equals(component))
                .flatMap(entry -> entry.getValue().stream()).filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as("%s patched by %s", type.getSimpleName(), component).hasSize(1);
        return found.get(0);
    }

    /** The container of the service in a patched Deployment. */
    private static Container patchedAppContainer(Deployment patch) {
        return patch.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(patched -> APP.equals(patched.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("the patch names the container " + APP));
    }

    private static JsonNode tree(String yaml) {
        try {
            return DeploymentFiles.STRICT_YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T named(Class<T> type, String name) {
        List<T> found = all(type).stream().filter(object -> name.equals(object.getMetadata().getName())).toList();
        assertThat(found).as("%s %s under k8s/", type.getSimpleName(), name).hasSize(1);
        return found.get(0);
    }

    private static JsonNode customResource(String kind) {
        List<JsonNode> found = customResources.stream().filter(cr -> kind.equals(cr.path("kind").asText())).toList();
        assertThat(found).as("%s under k8s/", kind).hasSize(1);
        return found.get(0);
    }

    private static Deployment appDeployment() {
        return named(Deployment.class, APP);
    }

    private static Container appContainer() {
        return appDeployment().getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> APP.equals(container.getName())).findFirst().orElseThrow();
    }

    private static Map<String, String> appConfig() {
        String name = appContainer().getEnvFrom().get(0).getConfigMapRef().getName();
        return named(ConfigMap.class, name).getData();
    }

    private static List<PodSpec> podSpecs() {
        List<PodSpec> pods = new ArrayList<>();
        all(Deployment.class).forEach(deployment -> pods.add(deployment.getSpec().getTemplate().getSpec()));
        all(StatefulSet.class).forEach(set -> pods.add(set.getSpec().getTemplate().getSpec()));
        return pods;
    }

    private static Map<String, String> podLabels(PodTemplateSpec template) {
        return template.getMetadata().getLabels();
    }

    /** The keys of every Secret of the template, by Secret name. */
    private static Map<String, Set<String>> secretKeys() {
        Map<String, Set<String>> keys = new HashMap<>();
        for (Secret secret : all(Secret.class)) {
            Set<String> names = new HashSet<>();
            Optional.ofNullable(secret.getData()).ifPresent(data -> names.addAll(data.keySet()));
            Optional.ofNullable(secret.getStringData()).ifPresent(data -> names.addAll(data.keySet()));
            keys.put(secret.getMetadata().getName(), names);
        }
        return keys;
    }

    private static String probePath(Probe probe) {
        assertThat(probe).as("probe").isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as("HTTP probe").isNotNull();
        return get.getPath();
    }

    /** The container port a Service or probe port means: a number as is, a name through the container's ports. */
    private static int containerPort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    private static String mountedVolume(Container container, String mountPath) {
        return container.getVolumeMounts().stream().filter(mount -> mountPath.equals(mount.getMountPath()))
                .map(VolumeMount::getName).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(volume -> name.equals(volume.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static URI jdbcUrl() {
        String url = appConfig().get("QUARKUS_DATASOURCE_JDBC_URL");
        assertThat(url).startsWith("jdbc:postgresql://");
        return URI.create(url.substring("jdbc:".length()));
    }

    private static String databaseName(URI url) {
        return url.getPath().substring(1);
    }

    /** A Quarkus duration: ISO-8601, or a number with a unit such as 5s or 30s. */
    private static Duration quarkusDuration(String value) {
        return value.startsWith("P") ? Duration.parse(value) : Duration.parse("PT" + value.toUpperCase());
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        for (T candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
