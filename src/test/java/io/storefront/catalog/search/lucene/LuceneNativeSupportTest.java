package io.storefront.catalog.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The native image finds only what is registered: every attribute implementation Lucene could create by name must
 * be in {@link LuceneNativeSupport}, so that a Lucene upgrade that adds one fails here, not in production.
 */
class LuceneNativeSupportTest {

    @Test
    void shouldRegisterEveryAttributeImplementationOfTheLuceneJarsWeUse() throws Exception {
        List<String> registered = List.of(LuceneNativeSupport.class.getAnnotation(RegisterForReflection.class).classNames());
        for (Class<?> fromJar : List.of(IndexWriter.class, EnglishAnalyzer.class)) {
            for (String attribute : attributeImplementations(fromJar)) {
                if (!attribute.contains("Collated") && !attribute.contains("ConcatenateGraphFilter")) {
                    assertThat(registered).as("registered for reflection").contains(attribute);
                }
            }
        }
        for (String name : registered) {
            assertThat(Class.forName(name)).as("%s exists", name).isNotNull();
        }
    }

    /** The {@code *AttributeImpl} classes of the jar a class comes from (those not in use are listed as exempt). */
    private static List<String> attributeImplementations(Class<?> fromJar) throws IOException, URISyntaxException {
        Path jar = Path.of(fromJar.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (FileSystem files = FileSystems.newFileSystem(jar, Map.of()); Stream<Path> all = Files.walk(files.getPath("/"))) {
            return all.map(Path::toString).filter(name -> name.endsWith("AttributeImpl.class"))
                    .filter(name -> !name.endsWith("/AttributeImpl.class"))
                    .map(name -> name.substring(1, name.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
    }
}
