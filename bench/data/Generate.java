import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The benchmark's data set and query sets, deterministic for a given item count (fixed seeds).
 *
 * <pre>
 *   java Generate.java data    ITEMS OUTDIR          # warehouses.csv, items.csv, warehouse_stock.csv (CSV for COPY)
 *   java Generate.java queries ITEMS OUTDIR COUNT    # per query class: CLASS.q (query text) and CLASS.paths (URLs)
 * </pre>
 *
 * Names are "[Brand] Adjective [Color] [Material] Noun model N" (N = 1..ITEMS, so "model N" finds exactly one item),
 * from 20 adjectives x 30 nouns plus colors, materials and brands: every adjective or noun is shared by 33k+ items
 * at 1M, as in the Lucene anchor (shared/notes/lucene-anchor.md). Descriptions are 3-6 sentences from about 300
 * words, some mentioning another product ("pairs well with our ..."), so name words also occur in descriptions.
 * Prices are log-uniform between 2.99 and 999.99 USD, in cents. Any change here changes the data set's hash in
 * bench/lib/dataset.sh, so the cached database is reloaded.
 */
public class Generate {

    static final String[] ADJECTIVES = { "classic", "compact", "deluxe", "durable", "elegant", "ergonomic",
            "essential", "foldable", "heavy", "lightweight", "modern", "portable", "premium", "professional",
            "rustic", "sleek", "smart", "sturdy", "vintage", "wireless" };
    static final String[] NOUNS = { "kettle", "toaster", "blender", "headphones", "speaker", "lamp", "backpack",
            "jacket", "sneakers", "watch", "chair", "desk", "mug", "bottle", "pillow", "blanket", "camera", "keyboard",
            "mouse", "monitor", "skillet", "knife", "tent", "bicycle", "helmet", "wallet", "umbrella", "candle", "vase",
            "drill" };
    static final String[] COLORS = { "black", "white", "red", "blue", "green", "yellow", "grey", "silver", "navy",
            "olive", "orange", "pink", "purple", "teal" };
    static final String[] MATERIALS = { "bamboo", "ceramic", "cotton", "glass", "leather", "linen", "maple", "oak",
            "plastic", "steel", "titanium", "wool" };
    static final String[] BRANDS = { "acme", "northwind", "contoso", "fabrikam", "globex", "initech", "hooli",
            "vandelay", "wonka", "tyrell", "cyberdyne", "aperture", "oscorp", "massive", "zenith", "polaris",
            "everest", "harbor", "summit", "lumen" };

    static final String[] FEATURES = { "handle", "lid", "base", "strap", "cable", "battery", "switch", "button",
            "display", "filter", "spout", "grip", "hinge", "zipper", "pocket", "frame", "blade", "lens", "sensor",
            "charger", "cover", "case", "stand", "clip", "cord", "dial", "panel", "seam", "sole", "lining", "valve",
            "nozzle", "cushion", "wheel", "latch", "tray", "hook", "knob", "mount", "shell" };
    static final String[] QUALITIES = { "comfortable", "reliable", "quiet", "powerful", "efficient", "generous",
            "precise", "balanced", "responsive", "gentle", "crisp", "warm", "cool", "soft", "smooth", "bright",
            "clear", "fast", "steady", "solid", "refined", "thoughtful", "practical", "versatile", "robust",
            "flexible", "breathable", "waterproof", "washable", "rechargeable", "adjustable", "removable",
            "replaceable", "insulated", "reinforced", "textured", "polished", "brushed", "matte", "glossy" };
    static final String[] USES = { "kitchen", "office", "travel", "camping", "commuting", "gardening", "workshop",
            "studio", "bedroom", "hiking", "cycling", "running", "cooking", "baking", "reading", "gaming",
            "streaming", "picnics", "weekends", "holidays", "mornings", "evenings", "students", "families",
            "beginners", "professionals", "children", "guests", "parties", "dinners", "desks", "balconies", "cabins",
            "dorms", "apartments", "boats", "trips", "errands", "festivals", "workouts" };
    static final String[] VERBS = { "keeps", "holds", "fits", "protects", "supports", "delivers", "handles",
            "survives", "resists", "cleans", "folds", "stores", "charges", "heats", "cools", "carries", "lights",
            "measures", "connects", "locks", "seals", "pours", "grips", "adjusts", "absorbs", "reduces", "improves",
            "brings", "offers", "combines" };
    static final String[] OBJECTS = { "drinks", "tools", "cables", "snacks", "papers", "clothes", "devices",
            "gadgets", "bottles", "books", "keys", "coins", "cards", "phones", "laptops", "tablets", "notebooks",
            "pens", "spices", "leftovers", "groceries", "towels", "shoes", "socks", "jewelry", "glasses", "chargers",
            "batteries", "receipts", "tickets", "maps", "photos", "plants", "seeds", "brushes", "paints", "cups",
            "plates", "bowls", "spoons" };
    static final String[] DETAILS = { "stitching", "finish", "coating", "fabric", "design", "texture", "profile",
            "silhouette", "pattern", "weave", "joinery", "edges", "corners", "seams", "threads", "rivets", "welds",
            "grain", "surface", "curve", "weight", "balance", "shape", "colorway", "trim", "accents", "details",
            "lines", "proportions", "layers", "panels", "contours", "fittings", "fixtures", "hardware", "mechanism",
            "motor", "circuit", "firmware", "warranty" };
    static final String[] ADVERBS = { "easily", "quickly", "quietly", "safely", "evenly", "neatly", "securely",
            "gently", "reliably", "comfortably", "efficiently", "smoothly", "firmly", "cleanly", "brightly", "warmly",
            "simply", "naturally", "carefully", "steadily" };
    static final String[] COUNTRIES = { "Portugal", "Italy", "Japan", "Mexico", "Canada", "Vietnam", "Germany",
            "Denmark", "Sweden", "Korea", "India", "Turkey", "Poland", "Spain", "France", "Brazil", "Chile", "Norway",
            "Finland", "Ireland" };
    static final String[] YEARS = { "one", "two", "three", "five", "ten" };

    /** Warehouses: name, city, region (US state), postal code, latitude, longitude. */
    static final String[][] WAREHOUSES = { { "Newark", "NJ", "07102", "40.7357", "-74.1724" },
            { "Atlanta", "GA", "30303", "33.7490", "-84.3880" }, { "Chicago", "IL", "60607", "41.8781", "-87.6298" },
            { "Dallas", "TX", "75201", "32.7767", "-96.7970" }, { "Denver", "CO", "80202", "39.7392", "-104.9903" },
            { "Phoenix", "AZ", "85003", "33.4484", "-112.0740" },
            { "Los Angeles", "CA", "90021", "34.0522", "-118.2437" },
            { "Seattle", "WA", "98104", "47.6062", "-122.3321" }, { "Columbus", "OH", "43215", "39.9612", "-82.9988" },
            { "Memphis", "TN", "38103", "35.1495", "-90.0490" } };

    static final String CREATED_AT = "2026-01-01 00:00:00+00";

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            usage();
        }
        int items = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        switch (args[0]) {
            case "data" -> data(items, out);
            case "queries" -> queries(items, out, args.length > 3 ? Integer.parseInt(args[3]) : 20_000);
            default -> usage();
        }
    }

    static void usage() {
        System.err.println("usage: java Generate.java data ITEMS OUTDIR | queries ITEMS OUTDIR [COUNT]");
        System.exit(2);
    }

    // ------------------------------------------------------------------ data

    static void data(int items, Path out) throws IOException {
        SplittableRandom random = new SplittableRandom(20261129L);
        UUID[] warehouses = new UUID[WAREHOUSES.length];
        try (Writer w = writer(out.resolve("warehouses.csv"))) {
            for (int i = 0; i < WAREHOUSES.length; i++) {
                String[] wh = WAREHOUSES[i];
                warehouses[i] = uuid(random);
                String address = "{\"name\": \"Storefront " + wh[0] + "\", \"line1\": \"" + (100 + i * 37)
                        + " Logistics Way\", \"city\": \"" + wh[0] + "\", \"region\": \"" + wh[1]
                        + "\", \"postalCode\": \"" + wh[2] + "\", \"country\": \"US\"}";
                w.write(csv(warehouses[i].toString(), "Warehouse " + wh[0], address, wh[3], wh[4], CREATED_AT));
            }
        }
        try (Writer itemsOut = writer(out.resolve("items.csv"));
                Writer stockOut = writer(out.resolve("warehouse_stock.csv"))) {
            StringBuilder description = new StringBuilder(600);
            int[] order = new int[warehouses.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int n = 1; n <= items; n++) {
                UUID id = uuid(random);
                String name = name(random, n);
                description.setLength(0);
                description(random, description);
                long price = price(random);
                itemsOut.write(csv(id.toString(), name, description.toString(), Long.toString(price), "USD",
                        CREATED_AT, CREATED_AT));
                // Stock: 4% of the items are in no warehouse; the rest in 1-3 of the 10, 0-200 units each.
                if (random.nextInt(100) >= 4) {
                    int count = 1 + random.nextInt(3);
                    for (int k = 0; k < count; k++) {
                        // A partial Fisher-Yates shuffle: count distinct warehouses.
                        int swap = k + random.nextInt(order.length - k);
                        int chosen = order[swap];
                        order[swap] = order[k];
                        order[k] = chosen;
                        UUID warehouse = warehouses[chosen];
                        int units = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(200);
                        stockOut.write(csv(id.toString(), warehouse.toString(), Integer.toString(units),
                                Integer.toString(units), CREATED_AT));
                    }
                }
            }
        }
    }

    static String name(SplittableRandom random, int n) {
        StringBuilder name = new StringBuilder(80);
        if (random.nextInt(10) < 7) {
            name.append(title(pick(random, BRANDS))).append(' ');
        }
        name.append(title(pick(random, ADJECTIVES))).append(' ');
        if (random.nextInt(10) < 8) {
            name.append(title(pick(random, COLORS))).append(' ');
        }
        if (random.nextInt(10) < 6) {
            name.append(title(pick(random, MATERIALS))).append(' ');
        }
        name.append(title(pick(random, NOUNS))).append(" model ").append(n);
        return name.toString();
    }

    static void description(SplittableRandom random, StringBuilder d) {
        int sentences = 3 + random.nextInt(4);
        for (int s = 0; s < sentences; s++) {
            if (s > 0) {
                d.append(' ');
            }
            switch (random.nextInt(8)) {
                case 0 -> d.append("The ").append(pick(random, QUALITIES)).append(' ').append(pick(random, FEATURES))
                        .append(' ').append(pick(random, VERBS)).append(" your ").append(pick(random, OBJECTS))
                        .append(' ').append(pick(random, ADVERBS)).append('.');
                case 1 -> d.append("Made in ").append(pick(random, COUNTRIES)).append(" with ")
                        .append(pick(random, QUALITIES)).append(' ').append(pick(random, DETAILS)).append(" and a ")
                        .append(pick(random, QUALITIES)).append(' ').append(pick(random, FEATURES)).append('.');
                case 2 -> d.append("Ideal for ").append(pick(random, USES)).append(" and ").append(pick(random, USES))
                        .append('.');
                case 3 -> d.append("A ").append(pick(random, MATERIALS)).append(' ').append(pick(random, FEATURES))
                        .append(' ').append(pick(random, VERBS)).append(' ').append(pick(random, OBJECTS))
                        .append(" while the ").append(pick(random, DETAILS)).append(" stays ")
                        .append(pick(random, QUALITIES)).append('.');
                case 4 -> d.append("Pairs well with our ").append(pick(random, ADJECTIVES)).append(' ')
                        .append(pick(random, NOUNS)).append('.');
                case 5 -> d.append("It ").append(pick(random, VERBS)).append(' ').append(pick(random, OBJECTS))
                        .append(' ').append(pick(random, ADVERBS)).append(" and ").append(pick(random, VERBS))
                        .append(' ').append(pick(random, OBJECTS)).append(" on ").append(pick(random, USES))
                        .append('.');
                case 6 -> d.append(capitalized(pick(random, ADVERBS))).append(' ').append(pick(random, QUALITIES))
                        .append(", with a ").append(pick(random, COLORS)).append(' ').append(pick(random, DETAILS))
                        .append(" and ").append(pick(random, QUALITIES)).append(' ').append(pick(random, DETAILS))
                        .append('.');
                default -> d.append("Backed by a ").append(pick(random, YEARS)).append("-year warranty on the ")
                        .append(pick(random, DETAILS)).append('.');
            }
        }
    }

    /** Log-uniform between 2.99 and 999.99 in cents, most ending in .99. */
    static long price(SplittableRandom random) {
        double dollars = Math.exp(Math.log(3) + random.nextDouble() * (Math.log(1000) - Math.log(3)));
        long whole = Math.max(2, (long) dollars);
        return random.nextInt(4) == 0 ? whole * 100 + random.nextInt(100) : whole * 100 + 99;
    }

    // ------------------------------------------------------------------ queries

    /**
     * The query classes of the search scenarios, COUNT random queries each (a different seed from the data):
     * one, two, three (words), typo, prefix (last word partly typed), unique ("model N"), sort (a word, by price),
     * range (a word within a price range) and suggest (a 2-6 letter prefix).
     */
    static void queries(int items, Path out, int count) throws IOException {
        SplittableRandom random = new SplittableRandom(4242L);
        String[] oneWord = concat(NOUNS, ADJECTIVES, COLORS, MATERIALS);
        String[] completable = concat(NOUNS, ADJECTIVES, COLORS, MATERIALS, BRANDS);
        List<String> longNouns = new ArrayList<>();
        for (String noun : NOUNS) {
            if (noun.length() >= 5) {
                longNouns.add(noun);
            }
        }
        try (Query one = new Query(out, "one"); Query two = new Query(out, "two");
                Query three = new Query(out, "three"); Query typo = new Query(out, "typo");
                Query prefix = new Query(out, "prefix"); Query unique = new Query(out, "unique");
                Query sort = new Query(out, "sort"); Query range = new Query(out, "range");
                Query suggest = new Query(out, "suggest")) {
            for (int i = 0; i < count; i++) {
                one.search(pick(random, oneWord), "");
                two.search((random.nextBoolean() ? pick(random, ADJECTIVES) : pick(random, COLORS)) + " "
                        + pick(random, NOUNS), "");
                three.search(threeWords(random), "");
                String noun = longNouns.get(random.nextInt(longNouns.size()));
                typo.search(typo(random, noun) + " " + pick(random, COLORS), "");
                String word = pick(random, NOUNS);
                prefix.search((random.nextBoolean() ? pick(random, COLORS) : pick(random, ADJECTIVES)) + " "
                        + word.substring(0, Math.min(word.length(), 3 + random.nextInt(3))), "");
                unique.search("model " + (1 + random.nextInt(items)), "");
                sort.search(pick(random, NOUNS), "&sort=price_asc");
                long min = new long[] { 500, 1_000, 2_000, 5_000, 10_000 }[random.nextInt(5)];
                long max = min * (2 + random.nextInt(4));
                range.search(pick(random, NOUNS), "&minPrice=" + min + "&maxPrice=" + max);
                String completion = pick(random, completable);
                suggest.suggest(completion.substring(0, Math.min(completion.length(), 2 + random.nextInt(5))));
            }
        }
    }

    /** Three of adjective, color, material and noun, in that order: "sleek red kettle", "rustic oak desk". */
    static String threeWords(SplittableRandom random) {
        String adjective = pick(random, ADJECTIVES);
        String color = pick(random, COLORS);
        String material = pick(random, MATERIALS);
        String noun = pick(random, NOUNS);
        return switch (random.nextInt(3)) {
            case 0 -> adjective + " " + color + " " + noun;
            case 1 -> adjective + " " + material + " " + noun;
            default -> color + " " + material + " " + noun;
        };
    }

    /** One letter replaced (never the first): "kettle" becomes "kettlx". */
    static String typo(SplittableRandom random, String word) {
        int at = 1 + random.nextInt(word.length() - 1);
        char replacement;
        do {
            replacement = (char) ('a' + random.nextInt(26));
        } while (replacement == word.charAt(at));
        return word.substring(0, at) + replacement + word.substring(at + 1);
    }

    static final class Query implements AutoCloseable {
        final Writer text;
        final Writer paths;

        Query(Path out, String name) throws IOException {
            text = writer(out.resolve(name + ".q"));
            paths = writer(out.resolve(name + ".paths"));
        }

        void search(String q, String extra) throws IOException {
            text.write(q + "\n");
            paths.write("/api/v1/items?q=" + q.replace(' ', '+') + "&limit=20" + extra + "\n");
        }

        void suggest(String q) throws IOException {
            text.write(q + "\n");
            paths.write("/api/v1/items/suggest?q=" + q + "&limit=8\n");
        }

        @Override
        public void close() throws IOException {
            text.close();
            paths.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    static Writer writer(Path path) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), 1 << 16);
    }

    static UUID uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    static String pick(SplittableRandom random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    static String title(String word) {
        return capitalized(word);
    }

    static String capitalized(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    static String[] concat(String[]... lists) {
        List<String> all = new ArrayList<>();
        for (String[] list : lists) {
            all.addAll(List.of(list));
        }
        return all.toArray(String[]::new);
    }

    /** One CSV line; every field quoted (the texts hold no double quotes except the JSON, which is escaped). */
    static String csv(String... fields) {
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append('"').append(fields[i].replace("\"", "\"\"")).append('"');
        }
        return line.append('\n').toString();
    }
}
