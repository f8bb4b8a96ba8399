package io.storefront.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The benchmark suite (bench/run.sh) on a tiny data set, so that it cannot rot between the runs that measure: every
 * scenario runs end to end against the packaged service and its own PostgreSQL 15 server, and the checks that hold at
 * any size hold (no failed request in the purchase flow, the hot item sells exactly its units, a clean stock audit).
 * The figures themselves mean nothing at this size; docs/PERFORMANCE.md has the real ones.
 * <p>
 * The suite installs what it is missing (Debian's postgresql-15, wrk, jq) and runs the database server as the
 * unprivileged user postgres, which needs root: CI runs as root. Elsewhere this test is skipped, saying why.
 */
class BenchSmokeIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    /** Above the suite's 5-minute default: about 5 minutes alone, more while other builds share the machine. */
    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void shouldRunEveryScenarioOnATinyDataSet() throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "bench/run.sh installs packages and runs PostgreSQL as another user: run as root (CI does)");
        Path results = Files.createDirectories(PROJECT.resolve("target/bench-smoke"));
        Path log = results.resolve("run.log");
        ProcessBuilder run = new ProcessBuilder("bench/run.sh").directory(PROJECT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        run.environment().putAll(Map.ofEntries(
                // A database and ports of its own, beside a 1M-item benchmark database on the defaults.
                Map.entry("BENCH_WORK", Path.of(System.getProperty("java.io.tmpdir"), "storefront-bench-smoke").toString()),
                Map.entry("BENCH_PG_PORT", "55439"),
                Map.entry("BENCH_HTTP_PORT", "18089"),
                Map.entry("BENCH_RESULTS_DIR", results.toString()),
                // The service the tests just packaged (it also holds the embedded database, which stays off when a
                // database URL is given).
                Map.entry("BENCH_SKIP_BUILD", "1"),
                Map.entry("BENCH_ITEMS", "5000"),
                Map.entry("BENCH_SCALE", "0.05"),
                Map.entry("SEARCH_WARMUP_QUERIES", "200"),
                Map.entry("SEARCH_SETTLE_MAX", "0"),
                Map.entry("PURCHASE_WARMUP_SECONDS", "40"),
                Map.entry("HOT_BUYERS", "100"),
                Map.entry("HOT_UNITS", "10"),
                Map.entry("REAPER_CHECKOUTS", "500"),
                Map.entry("ASSIGNMENT_BACKLOG", "50")));
        Process process = run.start();
        boolean finished = false;
        try {
            finished = process.waitFor(18, TimeUnit.MINUTES);
        } finally {
            if (!finished) {
                process.destroy(); // bench/run.sh stops its database and service on SIGTERM
                process.waitFor(1, TimeUnit.MINUTES);
            }
        }
        String output = Files.readString(log);
        assertThat(finished).as("bench/run.sh finished within 18 minutes; log: %s", log).isTrue();
        assertThat(process.exitValue()).as("bench/run.sh exit code; log: %s%n%s", log, tail(output)).isZero();

        assertThat(output).contains("## Purchase path", "## Search");
        assertThat(row(output, "purchase flow, 16 customers")).contains("orders/s (errors 0;");
        assertThat(row(output, "purchase flow, 64 customers")).contains("orders/s (errors 0;");
        assertThat(row(output, "hot item")).contains("10 reserved, 90 OUT_OF_STOCK, other: none", "stock after: 0");
        assertThat(row(output, "reaper")).contains("(0 left)");
        assertThat(row(output, "stock audit after the runs")).contains("| clean |");
        assertThat(row(output, "16 conns, random unique queries")).contains("req/s");
        assertThat(row(output, "16 slots (as many as connections: no limit)")).doesNotContain("| - |");
        assertThat(output).contains("## Search on OpenSearch");
        assertThat(row(output, "full reindex, 5000 items")).contains("s (log: Search indexer: ", "built in");
        assertThat(row(output, "freshness")).contains(" ms (all: ").doesNotContain("timeout");
    }

    /** The summary row that starts with this scenario. */
    private static String row(String output, String scenario) {
        return output.lines().filter(line -> line.startsWith("| " + scenario)).findFirst()
                .orElseThrow(() -> new AssertionError("no summary row '" + scenario + "' in:\n" + tail(output)));
    }

    private static String tail(String output) {
        return output.substring(Math.max(0, output.length() - 6000));
    }
}
