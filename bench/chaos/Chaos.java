import java.io.IOException;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault suite's driver (bench/chaos.sh starts PostgreSQL and builds the service, then runs this with
 * {@code java Chaos.java}): two packaged replicas on one database, customers buying and cancelling, warehouses
 * receiving, acknowledging and shipping, while replicas are SIGKILLed and restarted and the database stops for a
 * while. Afterwards it checks what the service promised and prints the counts; it exits 1 when one is wrong.
 */
public class Chaos {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");

    final Map<String, String> env = System.getenv();
    final Path work = Path.of(env.getOrDefault("CHAOS_WORK", "/tmp/chaos"));
    final String jar = env.get("CHAOS_JAR");
    final int durationSeconds = Integer.parseInt(env.getOrDefault("CHAOS_SECONDS", "150"));
    final int kills = Integer.parseInt(env.getOrDefault("CHAOS_KILLS", "10"));
    final int[] ports = { 18181, 18182 };
    final Process[] replicas = new Process[2];
    final AtomicInteger starts = new AtomicInteger();
    final PrivateKey key;
    final String issuer = env.getOrDefault("CHAOS_ISSUER", "https://storefront.example/issuer");

    final AtomicBoolean running = new AtomicBoolean(true);
    final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final Queue<String[]> acknowledged = new ConcurrentLinkedQueue<>(); // {customer, orderId}
    final AtomicInteger fiveHundreds = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger connectionErrors = new AtomicInteger();
    final List<String> items = new ArrayList<>();
    /** Per warehouse order: the event types its webhook deliveries carried, in the order they arrived. */
    final Map<String, List<String>> deliveries = new ConcurrentHashMap<>();
    final AtomicInteger deliveryRequests = new AtomicInteger();
    final Pattern warehouseOrderId = Pattern.compile("\"warehouseOrder\"\\s*:\\s*\\{\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    final Pattern eventType = Pattern.compile("\"eventType\"\\s*:\\s*\"([a-z.-]+)\"");
    com.sun.net.httpserver.HttpServer receiver;
    final List<String> warehouses = new ArrayList<>();

    Chaos() throws Exception {
        String pem = Files.readString(Path.of(env.get("CHAOS_PRIVATE_KEY")))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    public static void main(String[] args) throws Exception {
        System.exit(new Chaos().run());
    }

    int run() throws Exception {
        Files.createDirectories(work);
        startReceiver();
        log("starting two replicas of " + jar);
        start(0);
        start(1);
        awaitReady(0, 120);
        awaitReady(1, 120);
        setUp();

        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(started(new Thread(this::customer, "customer-" + i)));
        }
        for (String warehouse : warehouses) {
            threads.add(started(new Thread(() -> warehouse(warehouse), "warehouse")));
        }
        Instant end = Instant.now().plusSeconds(durationSeconds);
        long killEvery = durationSeconds * 1000L / (kills + 1);
        int killed = 0;
        boolean outageDone = false;
        long outageAt = Long.parseLong(env.getOrDefault("CHAOS_OUTAGE_AT", String.valueOf(durationSeconds / 2)));
        Instant started = Instant.now();
        while (Instant.now().isBefore(end)) {
            Thread.sleep(killEvery);
            if (killed < kills) {
                int victim = killed % 2;
                log("SIGKILL replica " + victim + " (" + (killed + 1) + " of " + kills + ")");
                replicas[victim].destroyForcibly().waitFor();
                killed++;
                Thread.sleep(1000);
                start(victim);
            }
            if (!outageDone && Duration.between(started, Instant.now()).toSeconds() >= outageAt) {
                outageDone = true;
                log("stopping the database for 10 s");
                shell(env.get("CHAOS_PG_STOP"));
                Thread.sleep(10_000);
                shell(env.get("CHAOS_PG_START"));
                log("database started again");
            }
        }
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        awaitReady(0, 120);
        awaitReady(1, 120);
        log("load stopped; letting reservations expire, assignment and webhook delivery settle (40 s)");
        Thread.sleep(40_000);
        return check(killed, outageDone);
    }

    static Thread started(Thread thread) {
        thread.start();
        return thread;
    }

    int check(int killed, boolean outage) throws Exception {
        int found = 0;
        List<String> missing = new ArrayList<>();
        for (String[] order : acknowledged) {
            HttpResponse<String> response = send("GET", 0, "/api/v1/orders/" + order[1], token(order[0], "customer",
                    null), null, null);
            if (response != null && response.statusCode() == 200) {
                found++;
            } else {
                missing.add(order[1]);
            }
        }
        HttpResponse<String> audit = send("GET", 0, "/api/v1/admin/stock/audit", token(UUID.randomUUID().toString(),
                "admin", null), null, null);
        boolean auditOk = audit != null && audit.statusCode() == 200 && audit.body().contains("\"ok\":true");
        int expiredActive = psqlInt("SELECT count(*) FROM checkout WHERE status = 'ACTIVE' AND expires_at < now()");
        int released = psqlInt("SELECT count(*) FROM checkout WHERE status = 'EXPIRED'");
        int placedOverdue = psqlInt("SELECT count(*) FROM customer_order WHERE status = 'PLACED' "
                + "AND next_assignment_at < now() - interval '30 seconds'");
        int placedWaiting = psqlInt("SELECT count(*) FROM customer_order WHERE status = 'PLACED'");
        int voidsPending = psqlInt("SELECT count(*) FROM payment_void WHERE voided_at IS NULL");
        int warehouseOrders = psqlInt("SELECT count(*) FROM warehouse_order");
        int cancelledWarehouseOrders = psqlInt("SELECT count(*) FROM warehouse_order WHERE status = 'CANCELLED'");
        int undelivered = psqlInt("SELECT count(*) FROM outbox WHERE delivered_at IS NULL");
        int withCreated = 0;
        int withCancelled = 0;
        int outOfOrder = 0;
        int repeated = 0;
        for (List<String> events : deliveries.values()) {
            withCreated += events.contains("warehouse-order.created") ? 1 : 0;
            withCancelled += events.contains("warehouse-order.cancelled") ? 1 : 0;
            int created = events.indexOf("warehouse-order.created");
            int cancelled = events.indexOf("warehouse-order.cancelled");
            if (cancelled >= 0 && (created < 0 || cancelled < created)) {
                outOfOrder++;
            }
            repeated += events.size() - new java.util.HashSet<>(events).size();
        }

        System.out.println();
        System.out.println("| check | count | expected |");
        System.out.println("| --- | --- | --- |");
        row("replica starts (2 + restarts after SIGKILL)", starts.get(), "2 + " + killed);
        row("database outages of 10 s", outage ? 1 : 0, "1");
        row("orders acknowledged (201/200)", acknowledged.size(), "> 0");
        row("acknowledged orders found afterwards", found, "= acknowledged");
        row("stock audit violations", auditOk ? 0 : 1, "0");
        row("reservations released by the reaper (EXPIRED checkouts)", released, "> 0");
        row("expired checkouts still holding stock", expiredActive, "0");
        row("placed orders overdue for assignment", placedOverdue, "0 (PLACED waiting for stock: " + placedWaiting + ")");
        row("payment voids not yet done", voidsPending, "0");
        row("503 answers (database unavailable)", unavailable.get(), "any");
        row("other 5xx answers", fiveHundreds.get(), "0");
        row("connection errors (a replica was down)", connectionErrors.get(), "any");
        row("warehouse orders", warehouseOrders, "> 0");
        row("warehouse orders whose 'created' webhook arrived", withCreated, "= warehouse orders");
        row("cancelled warehouse orders whose 'cancelled' webhook arrived", withCancelled,
                "= cancelled (" + cancelledWarehouseOrders + ")");
        row("'cancelled' delivered before 'created'", outOfOrder, "0");
        row("webhook deliveries repeated (at-least-once; receivers drop them by X-Event-Id)", repeated, "any");
        row("webhook requests answered 500 by the receiver (then retried)", deliveryRequests.get() / 10, "any");
        row("notifications not yet delivered", undelivered, "0");
        System.out.println();
        System.out.println("statuses: " + new java.util.TreeMap<>(Map.copyOf(statuses.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())))));
        boolean ok = acknowledged.size() > 0 && found == acknowledged.size() && auditOk && expiredActive == 0
                && placedOverdue == 0 && voidsPending == 0 && fiveHundreds.get() == 0 && released > 0
                && warehouseOrders > 0 && withCreated == warehouseOrders && withCancelled == cancelledWarehouseOrders
                && outOfOrder == 0 && undelivered == 0;
        if (!missing.isEmpty()) {
            System.out.println("acknowledged but not found: " + missing);
        }
        if (!auditOk) {
            System.out.println("audit: " + (audit == null ? "no answer" : audit.body()));
        }
        System.out.println(ok ? "CHAOS: every count as promised" : "CHAOS: FAILED (see the table)");
        for (Process replica : replicas) {
            replica.destroy();
        }
        receiver.stop(0);
        return ok ? 0 : 1;
    }

    static void row(String check, int count, String expected) {
        System.out.printf("| %s | %d | %s |%n", check, count, expected);
    }

    // ---------------------------------------------------------------- the load

    void customer() {
        String customer = UUID.randomUUID().toString();
        String token = token(customer, "customer", null);
        String lastOrder = null;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            String item = items.get(random.nextInt(items.size()));
            call("PUT", "/api/v1/cart/items/" + item, token, "{\"quantity\": " + (1 + random.nextInt(2)) + "}", null);
            HttpResponse<String> checkout = call("POST", "/api/v1/checkout", token, null, null);
            if (checkout != null && checkout.statusCode() == 201) {
                String checkoutId = id(checkout.body());
                double r = random.nextDouble();
                if (r < 0.75) {
                    String order = submit(customer, token, checkoutId);
                    if (order != null) {
                        lastOrder = order;
                    }
                } else if (r < 0.85) {
                    call("DELETE", "/api/v1/checkout", token, null, null);
                } else {
                    // abandoned: the reaper releases it after the reservation time
                    customer = UUID.randomUUID().toString();
                    token = token(customer, "customer", null);
                    lastOrder = null;
                }
            } else if (checkout != null && checkout.statusCode() == 409 && "CHECKOUT_ACTIVE".equals(code(checkout.body()))) {
                call("DELETE", "/api/v1/checkout", token, null, null);
            }
            if (lastOrder != null && random.nextDouble() < 0.05) {
                call("POST", "/api/v1/orders/" + lastOrder + "/cancel", token, null, null);
                lastOrder = null;
            }
        }
    }

    /** Submits with one Idempotency-Key, retried on the other replica when a call fails without an answer. */
    String submit(String customer, String token, String checkoutId) {
        String key = UUID.randomUUID().toString();
        String body = "{\"checkoutId\": \"" + checkoutId + "\", \"shippingAddress\": {\"name\": \"Chaos\", \"line1\": "
                + "\"1 Main St\", \"city\": \"Newark\", \"region\": \"NJ\", \"postalCode\": \"07101\", \"country\": "
                + "\"US\"}, \"payment\": {\"method\": \"card\", \"token\": \"tok_visa\"}}";
        for (int attempt = 0; attempt < 5; attempt++) {
            HttpResponse<String> response = call("POST", "/api/v1/orders", token, body, key);
            if (response == null || response.statusCode() >= 500) {
                sleep(500);
                continue;
            }
            if (response.statusCode() == 201 || response.statusCode() == 200) {
                String id = id(response.body());
                acknowledged.add(new String[] { customer, id });
                return id;
            }
            return null;
        }
        return null;
    }

    void warehouse(String warehouse) {
        String token = token(UUID.randomUUID().toString(), "warehouse", warehouse);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long lastReceipt = 0;
        while (running.get()) {
            HttpResponse<String> list = call("GET", "/api/v1/warehouses/" + warehouse + "/orders?status=NEW&limit=5",
                    token, null, null);
            if (list != null && list.statusCode() == 200) {
                Matcher ids = ID.matcher(list.body());
                List<String> orders = new ArrayList<>();
                while (ids.find()) {
                    orders.add(ids.group(1));
                }
                for (String order : orders) {
                    String base = "/api/v1/warehouses/" + warehouse + "/orders/" + order;
                    call("POST", base + "/acknowledge", token, null, null);
                    if (random.nextDouble() < 0.7) {
                        call("POST", base + "/ship", token, null, null);
                    }
                }
            }
            if (System.currentTimeMillis() - lastReceipt > 3000) {
                lastReceipt = System.currentTimeMillis();
                String item = items.get(random.nextInt(items.size()));
                call("POST", "/api/v1/warehouses/" + warehouse + "/stock/" + item + "/receipts", token,
                        "{\"quantity\": 10, \"eventId\": \"" + UUID.randomUUID() + "\"}", null);
            }
            sleep(300);
        }
    }

    /** The warehouses' webhook: records each delivery; answers 500 to one in ten, so that retries happen too. */
    void startReceiver() throws IOException {
        receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 18190), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n = deliveryRequests.incrementAndGet();
            int status = n % 10 == 0 ? 500 : 204;
            if (status == 204) {
                Matcher order = warehouseOrderId.matcher(body);
                Matcher type = eventType.matcher(body);
                if (order.find() && type.find()) {
                    deliveries.computeIfAbsent(order.group(1), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add(type.group(1));
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    void setUp() {
        String admin = token(UUID.randomUUID().toString(), "admin", null);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> created = call("POST", "/api/v1/warehouses", admin, "{\"name\": \"Chaos DC " + i
                    + "\", \"latitude\": 40.7, \"longitude\": -74.1, \"address\": {\"name\": \"DC\", \"line1\": \"1 Dock\", "
                    + "\"city\": \"Newark\", \"region\": \"NJ\", \"postalCode\": \"07101\", \"country\": \"US\"}, "
                    + "\"webhookUrl\": \"http://127.0.0.1:18190/hook\"}", null);
            warehouses.add(id(created.body()));
        }
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> created = call("POST", "/api/v1/items", admin, "{\"name\": \"Chaos item " + i
                    + "\", \"description\": \"For the fault suite\", \"price\": {\"amount\": 1000, \"currency\": \"USD\"}}",
                    null);
            String item = id(created.body());
            items.add(item);
            for (String warehouse : warehouses) {
                call("POST", "/api/v1/warehouses/" + warehouse + "/stock/" + item + "/receipts",
                        token(UUID.randomUUID().toString(), "warehouse", warehouse),
                        "{\"quantity\": 40, \"eventId\": \"" + UUID.randomUUID() + "\"}", null);
            }
        }
        log("catalog: " + items.size() + " items in " + warehouses.size() + " warehouses");
    }

    // ---------------------------------------------------------------- HTTP, tokens, processes

    /** Tries one replica, then the other; counts what came back; null when neither answered. */
    HttpResponse<String> call(String method, String path, String token, String body, String idempotencyKey) {
        int first = ThreadLocalRandom.current().nextInt(2);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = send(method, (first + i) % 2, path, token, body, idempotencyKey);
            if (response != null) {
                statuses.computeIfAbsent(method + " " + path.replaceAll("[0-9a-f-]{36}", "{id}").replaceAll("\\?.*", "")
                        + " " + response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                if (response.statusCode() == 503) {
                    unavailable.incrementAndGet();
                } else if (response.statusCode() >= 500) {
                    fiveHundreds.incrementAndGet();
                    log("5xx: " + method + " " + path + " " + response.statusCode() + " " + response.body());
                }
                return response;
            }
            connectionErrors.incrementAndGet();
        }
        sleep(200);
        return null;
    }

    HttpResponse<String> send(String method, int replica, String path, String token, String body, String key) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[replica] + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    String token(String subject, String role, String warehouse) {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iss\":\"" + issuer + "\",\"aud\":\"storefront\",\"sub\":\"" + subject
                + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 3600)
                + (warehouse == null ? "" : ",\"warehouse_id\":\"" + warehouse + "\"") + "}");
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    void start(int replica) throws IOException {
        int n = starts.incrementAndGet();
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-Dquarkus.http.port=" + ports[replica],
                "-jar", jar).redirectErrorStream(true)
                .redirectOutput(work.resolve("replica-" + replica + "-start-" + n + ".log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("SHOP_SEARCH_ENGINE", "postgres");
        environment.put("SHOP_CHECKOUT_RESERVATION_TTL", "PT20S");
        environment.put("SHOP_CHECKOUT_REAPER_INTERVAL", "2s");
        environment.put("SHOP_ASSIGNMENT_INTERVAL", "1s");
        environment.put("SHOP_PAYMENT_VOID_INTERVAL", "2s");
        environment.put("QUARKUS_LOG_CONSOLE_JSON", "false");
        replicas[replica] = builder.start();
    }

    void awaitReady(int replica, int seconds) throws Exception {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (Instant.now().isBefore(deadline)) {
            if (!replicas[replica].isAlive()) {
                start(replica);
            }
            HttpResponse<String> ready = send("GET", replica, "/q/health/ready", null, null, null);
            if (ready != null && ready.statusCode() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("replica " + replica + " not ready within " + seconds + " s");
    }

    int psqlInt(String query) throws Exception {
        Process psql = new ProcessBuilder("bash", "-c", env.get("CHAOS_PSQL") + " -tAc \"" + query + "\"")
                .redirectErrorStream(true).start();
        String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        psql.waitFor();
        return Integer.parseInt(out);
    }

    static void shell(String command) throws Exception {
        new ProcessBuilder("bash", "-c", command).inheritIO().start().waitFor();
    }

    static String id(String body) {
        Matcher id = ID.matcher(body == null ? "" : body);
        return id.find() ? id.group(1) : null;
    }

    static String code(String body) {
        Matcher code = CODE.matcher(body == null ? "" : body);
        return code.find() ? code.group(1) : null;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void log(String message) {
        System.err.printf("[chaos %tT] %s%n", new java.util.Date(), message);
    }
}
