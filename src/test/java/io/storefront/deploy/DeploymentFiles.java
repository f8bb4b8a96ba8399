package io.storefront.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** What the deployment tests share: a strict YAML reader and the application's own settings. */
final class DeploymentFiles {

    static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");

    /**
     * A YAML reader that refuses unknown fields. FAIL_ON_UNKNOWN_PROPERTIES alone is not enough for the fabric8
     * model: every class collects unknown fields in an {@code additionalProperties} map through a
     * {@code @JsonAnySetter}, which would accept {@code livenesProbe:} without a word. With any-setters switched
     * off, an unknown field fails the read, and the message names its path.
     */
    static final ObjectMapper STRICT_YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            });

    private DeploymentFiles() {
    }

    /** Every non-empty YAML document of a file, in order. */
    static List<JsonNode> documents(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = STRICT_YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isMissingNode() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Not valid YAML: " + file, e);
        }
        return documents;
    }

    /** The HTTP port the packaged application listens on: quarkus.http.port (the prod profile's if set), else 8080. */
    static int applicationHttpPort() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(APPLICATION_PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String port = properties.getProperty("%prod.quarkus.http.port", properties.getProperty("quarkus.http.port", "8080"));
        return Integer.parseInt(port.trim());
    }
}
