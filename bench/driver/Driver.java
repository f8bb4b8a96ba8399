import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's Java helpers (single-file program, JDK only: {@code java bench/driver/Driver.java COMMAND ...}).
 *
 * <pre>
 * tokens KEY.pem ISSUER N ROLE OUT [WAREHOUSE_ID]   N RS256 tokens, one per line, each for a new random subject
 * hot URL ADMIN_TOKEN WAREHOUSE_TOKEN WAREHOUSE_ID CUSTOMER_TOKENS BUYERS UNITS
 *                                                   the hot-item race: BUYERS customers check out one item of UNITS
 * chart OUT.svg TITLE TRACE...                      per-second throughput and latency of a wrk trace (purchase.lua)
 * </pre>
 */
public class Driver {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "tokens" -> tokens(args);
            case "hot" -> hot(args);
            case "chart" -> chart(args);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: Driver tokens|hot|chart ... (see the class comment)");
        System.exit(2);
    }

    // ---------------------------------------------------------------- tokens

    /** Tokens as the service's production profile verifies them: RS256, issuer, audience "storefront", one group. */
    private static void tokens(String[] args) throws Exception {
        PrivateKey key = privateKey(Path.of(args[1]));
        String issuer = args[2];
        int count = Integer.parseInt(args[3]);
        String role = args[4];
        Path out = Path.of(args[5]);
        String warehouseId = args.length > 6 ? args[6] : null;
        long now = Instant.now().getEpochSecond();
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out))) {
            for (int i = 0; i < count; i++) {
                String claims = "{\"iss\":\"" + issuer + "\",\"aud\":\"storefront\",\"sub\":\"" + UUID.randomUUID()
                        + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 24 * 3600)
                        + (warehouseId == null ? "" : ",\"warehouse_id\":\"" + warehouseId + "\"") + "}";
                writer.println(sign(key, claims));
            }
        }
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String sign(PrivateKey key, String claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(signature.sign());
    }

    // ---------------------------------------------------------------- hot item

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern AVAILABLE = Pattern.compile("\"available\"\\s*:\\s*(-?\\d+)");

    /**
     * A new item with UNITS units in one warehouse; BUYERS customers (new subjects) put one in their cart; then all
     * of them begin checkout at the same moment. Prints one line "BENCH_HOT key=value ..." with the outcome and the
     * time from the start of the race until the last answer. Afterwards the winners cancel, so the stock is back.
     */
    private static void hot(String[] args) throws Exception {
        String base = args[1];
        String admin = args[2];
        String warehouse = args[3];
        String warehouseId = args[4];
        List<String> customers = Files.readAllLines(Path.of(args[5])).stream().filter(line -> !line.isBlank()).toList();
        int buyers = Integer.parseInt(args[6]);
        int units = Integer.parseInt(args[7]);
        if (customers.size() < buyers) {
            throw new IllegalArgumentException("need " + buyers + " customer tokens, got " + customers.size());
        }
        ExecutorService executor = Executors.newFixedThreadPool(8);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> created = send(client, "POST", base + "/api/v1/items", admin,
                "{\"name\":\"Hot item " + Instant.now() + "\",\"description\":\"The benchmark's hot item\","
                        + "\"price\":{\"amount\":1999,\"currency\":\"USD\"}}");
        expect(created, 201, "create the item");
        String itemId = first(ID, created.body());
        expect(send(client, "POST", base + "/api/v1/warehouses/" + warehouseId + "/stock/" + itemId + "/receipts",
                warehouse, "{\"quantity\":" + units + ",\"eventId\":\"" + UUID.randomUUID() + "\"}"), 201, "receive stock");

        // Every buyer has the item in the cart (not timed: adding to a cart takes no stock).
        long cartStarted = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> carts = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            carts.add(sendAsync(client, "PUT", base + "/api/v1/cart/items/" + itemId, customers.get(i), "{\"quantity\":1}"));
        }
        for (CompletableFuture<HttpResponse<String>> cart : carts) {
            expect(cart.get(), 200, "put the item in a cart");
        }
        double cartSeconds = (System.nanoTime() - cartStarted) / 1e9;

        // The race: every buyer begins checkout at once.
        long[] latencies = new long[buyers];
        List<CompletableFuture<HttpResponse<String>>> checkouts = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < buyers; i++) {
            int buyer = i;
            long sent = System.nanoTime();
            checkouts.add(sendAsync(client, "POST", base + "/api/v1/checkout", customers.get(i), "")
                    .whenComplete((response, failure) -> latencies[buyer] = System.nanoTime() - sent));
        }
        CompletableFuture.allOf(checkouts.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - started) / 1e9;

        int reserved = 0;
        int outOfStock = 0;
        Map<String, Integer> other = new TreeMap<>();
        List<String> winners = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            HttpResponse<String> response = checkouts.get(i).get();
            String code = first(CODE, response.body());
            if (response.statusCode() == 201) {
                reserved++;
                winners.add(customers.get(i));
            } else if (response.statusCode() == 409 && "OUT_OF_STOCK".equals(code)) {
                outOfStock++;
            } else {
                other.merge(response.statusCode() + (code == null ? "" : " " + code), 1, Integer::sum);
            }
        }
        HttpResponse<String> item = send(client, "GET", base + "/api/v1/items/" + itemId, null, null);
        String availableAfter = first(AVAILABLE, item.body());

        // Give the stock back (and free the buyers) so that the data set stays as it was.
        List<CompletableFuture<HttpResponse<String>>> cancels = new ArrayList<>();
        for (String winner : winners) {
            cancels.add(sendAsync(client, "DELETE", base + "/api/v1/checkout", winner, null));
        }
        for (CompletableFuture<HttpResponse<String>> cancel : cancels) {
            expect(cancel.get(), 204, "cancel a winner's checkout");
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf("BENCH_HOT item=%s buyers=%d units=%d reserved=%d out_of_stock=%d other=%s "
                + "available_after=%s seconds=%.3f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f cart_seconds=%.2f%n",
                itemId, buyers, units, reserved, outOfStock, other.isEmpty() ? "none" : other.toString().replace(' ', '_'),
                availableAfter, seconds, percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6,
                sorted[sorted.length - 1] / 1e6, cartSeconds);
        executor.shutdownNow();
    }

    private static HttpRequest request(String method, String url, String token, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> send(HttpClient client, String method, String url, String token, String body)
            throws IOException, InterruptedException {
        return client.send(request(method, url, token, body), HttpResponse.BodyHandlers.ofString());
    }

    private static CompletableFuture<HttpResponse<String>> sendAsync(HttpClient client, String method, String url,
            String token, String body) {
        return client.sendAsync(request(method, url, token, body), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(sorted.length * p / 100) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    // ---------------------------------------------------------------- chart

    /**
     * An SVG of a purchase-flow run from the trace files that purchase.lua writes (one line per response:
     * "epoch_ms step status latency_us"): completed orders per second, and p50 and p99 of all requests per second.
     */
    private static void chart(String[] args) throws IOException {
        Path out = Path.of(args[1]);
        String title = args[2];
        TreeMap<Long, List<Long>> latencyBySecond = new TreeMap<>();
        TreeMap<Long, Integer> ordersBySecond = new TreeMap<>();
        for (int i = 3; i < args.length; i++) {
            for (String line : Files.readAllLines(Path.of(args[i]))) {
                String[] f = line.trim().split(" ");
                if (f.length < 4) {
                    continue;
                }
                long second = Long.parseLong(f[0]) / 1000;
                latencyBySecond.computeIfAbsent(second, s -> new ArrayList<>()).add(Long.parseLong(f[3]));
                if (f[1].equals("order") && f[2].startsWith("2")) {
                    ordersBySecond.merge(second, 1, Integer::sum);
                }
            }
        }
        if (latencyBySecond.isEmpty()) {
            throw new IllegalArgumentException("no trace lines");
        }
        long first = latencyBySecond.firstKey();
        long last = latencyBySecond.lastKey();
        int n = (int) (last - first + 1);
        double[] orders = new double[n];
        double[] p50 = new double[n];
        double[] p99 = new double[n];
        for (var entry : latencyBySecond.entrySet()) {
            int x = (int) (entry.getKey() - first);
            long[] values = entry.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            p50[x] = percentile(values, 50) / 1000.0;
            p99[x] = percentile(values, 99) / 1000.0;
            orders[x] = ordersBySecond.getOrDefault(entry.getKey(), 0);
        }
        StringBuilder svg = new StringBuilder();
        int width = 760;
        int panel = 200;
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(2 * panel + 110).append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
                .append("<text x=\"10\" y=\"18\" font-size=\"14\">").append(escape(title)).append("</text>\n");
        panel(svg, 40, panel, width, "completed orders per second", new double[][] {orders}, new String[] {"#1f77b4"},
                new String[] {"orders/s"});
        panel(svg, 80 + panel, panel, width, "latency of each request (ms), per second",
                new double[][] {p50, p99}, new String[] {"#2ca02c", "#d62728"}, new String[] {"p50", "p99"});
        svg.append("<text x=\"60\" y=\"").append(2 * panel + 100).append("\">seconds since the start of the run (")
                .append(n).append(" s)</text>\n</svg>\n");
        Files.writeString(out, svg);
    }

    private static void panel(StringBuilder svg, int top, int height, int width, String label, double[][] series,
            String[] colors, String[] names) {
        int left = 60;
        int plotWidth = width - left - 20;
        double max = 0;
        for (double[] s : series) {
            for (double v : s) {
                max = Math.max(max, v);
            }
        }
        max = niceCeiling(max);
        int n = series[0].length;
        svg.append("<text x=\"").append(left).append("\" y=\"").append(top - 6).append("\">").append(escape(label))
                .append("</text>\n");
        svg.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(plotWidth)
                .append("\" height=\"").append(height).append("\" fill=\"none\" stroke=\"#999\"/>\n");
        for (int tick = 0; tick <= 4; tick++) {
            double value = max * tick / 4;
            double y = top + height - height * tick / 4.0;
            svg.append(String.format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left - 4, y + 4,
                    value >= 100 ? String.format("%.0f", value) : String.format("%.1f", value)));
            svg.append(String.format("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>%n", left,
                    left + plotWidth, y, y));
        }
        for (int s = 0; s < series.length; s++) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < n; i++) {
                double x = left + (n == 1 ? 0 : plotWidth * i / (double) (n - 1));
                double y = top + height - (max == 0 ? 0 : height * series[s][i] / max);
                points.append(String.format("%.1f,%.1f ", x, y));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(colors[s]).append("\" stroke-width=\"1.5\" points=\"")
                    .append(points.toString().trim()).append("\"/>\n");
            svg.append("<text x=\"").append(left + plotWidth - 60 * (series.length - s)).append("\" y=\"")
                    .append(top + 14).append("\" fill=\"").append(colors[s]).append("\">").append(names[s])
                    .append("</text>\n");
        }
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (value <= step * magnitude) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
