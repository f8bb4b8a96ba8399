package io.storefront.devdata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A pure, deterministic generator of the sample catalog that {@link DevDataLoader} loads in dev mode: items built
 * from word lists with a fixed-seed {@link Random}, three warehouses and their stock. It touches no database, so
 * it is unit-testable on its own.
 *
 * <p>Ids are name-based UUIDs ({@code "item-" + n}, {@code "warehouse-" + n}), so they stay the same across
 * restarts and machines. Stock satisfies the conservation rules of DOMAIN.md with no checkouts and no orders yet:
 * {@code physical = available} per warehouse, and an item's aggregated stock is the sum of its available stock.
 */
public final class SampleCatalog {

    public static final int DEFAULT_ITEM_COUNT = 3_000;
    public static final long DEFAULT_SEED = 20_240_501L;
    public static final String CURRENCY = "USD";

    /** Share of items with no stock anywhere, so that out-of-stock items exist. */
    private static final double OUT_OF_STOCK_SHARE = 0.05;
    private static final int MAX_UNITS_PER_WAREHOUSE = 60;
    private static final int MAX_NAME_LENGTH = 200;

    public record Item(UUID id, int number, String kind, String name, String description, long priceAmount,
                       String currency) {
    }

    public record Warehouse(UUID id, String name, String line1, String city, String region, String postalCode,
                            String country, double latitude, double longitude) {

        /** The address in the shape stored in {@code warehouse.address} (jsonb); {@code line2} is null. */
        public Map<String, Object> address() {
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("name", name);
            address.put("line1", line1);
            address.put("line2", null);
            address.put("city", city);
            address.put("region", region);
            address.put("postalCode", postalCode);
            address.put("country", country);
            return address;
        }
    }

    public record WarehouseStock(UUID itemId, UUID warehouseId, int physical, int available) {
    }

    public record ItemStock(UUID itemId, int aggregated) {
    }

    public record Catalog(List<Item> items, List<Warehouse> warehouses, List<WarehouseStock> warehouseStock,
                          List<ItemStock> itemStock) {

        /** Total units of available stock over all items and warehouses. */
        public long totalUnits() {
            return warehouseStock.stream().mapToLong(WarehouseStock::available).sum();
        }
    }

    /** A product kind: its noun, a plausible price range in whole dollars, and its own word lists. */
    record Kind(String noun, int minDollars, int maxDollars, List<String> adjectives, List<String> features,
                List<String> materials, List<String> uses) {

        /** Headphones, running shoes, sunglasses...: the nouns of this catalog that end in "s" are plurals. */
        boolean plural() {
            return noun.endsWith("s");
        }
    }

    private SampleCatalog() {
    }

    public static UUID itemId(int number) {
        return UUID.nameUUIDFromBytes(("item-" + number).getBytes(StandardCharsets.UTF_8));
    }

    public static UUID warehouseId(int number) {
        return UUID.nameUUIDFromBytes(("warehouse-" + number).getBytes(StandardCharsets.UTF_8));
    }

    public static Catalog generate() {
        return generate(DEFAULT_ITEM_COUNT, DEFAULT_SEED);
    }

    public static Catalog generate(int itemCount, long seed) {
        Random random = new Random(seed);
        List<Warehouse> warehouses = warehouses();
        List<Item> items = new ArrayList<>(itemCount);
        Set<String> names = new HashSet<>();
        for (int n = 1; n <= itemCount; n++) {
            items.add(item(n, random, names));
        }

        List<WarehouseStock> warehouseStock = new ArrayList<>(itemCount * 2);
        List<ItemStock> itemStock = new ArrayList<>(itemCount);
        List<Integer> warehouseIndexes = new ArrayList<>();
        for (int w = 0; w < warehouses.size(); w++) {
            warehouseIndexes.add(w);
        }
        for (Item item : items) {
            boolean outOfStock = random.nextDouble() < OUT_OF_STOCK_SHARE;
            int stockedIn = 1 + random.nextInt(warehouses.size());
            Collections.shuffle(warehouseIndexes, random);
            List<Integer> chosen = new ArrayList<>(warehouseIndexes.subList(0, stockedIn));
            Collections.sort(chosen);
            int aggregated = 0;
            for (int w : chosen) {
                int units = outOfStock ? 0 : random.nextInt(MAX_UNITS_PER_WAREHOUSE + 1);
                warehouseStock.add(new WarehouseStock(item.id(), warehouses.get(w).id(), units, units));
                aggregated += units;
            }
            itemStock.add(new ItemStock(item.id(), aggregated));
        }
        return new Catalog(List.copyOf(items), warehouses, List.copyOf(warehouseStock), List.copyOf(itemStock));
    }

    static List<Kind> kinds() {
        return KINDS;
    }

    // ------------------------------------------------------------------ items

    private static Item item(int number, Random random, Set<String> names) {
        Kind kind = pick(KINDS, random);
        String brand = pick(BRANDS, random);
        String adjective = pick(kind.adjectives(), random);
        String name;
        do {
            name = name(brand, adjective, kind, random);
        } while (!names.add(name));
        long dollars = kind.minDollars() + random.nextInt(kind.maxDollars() - kind.minDollars() + 1);
        long priceAmount = dollars * 100 - 1; // $49.99 style prices
        return new Item(itemId(number), number, kind.noun(), name, description(kind, adjective, random), priceAmount,
                CURRENCY);
    }

    private static String name(String brand, String first, Kind kind, Random random) {
        StringBuilder name = new StringBuilder(brand).append(' ');
        name.append(first).append(' ');
        if (random.nextBoolean()) {
            String second = pick(kind.adjectives(), random);
            if (!second.equals(first)) {
                name.append(second).append(' ');
            }
        }
        name.append(kind.noun()).append(' ').append(model(random));
        String result = name.toString();
        return result.length() <= MAX_NAME_LENGTH ? result : result.substring(0, MAX_NAME_LENGTH).strip();
    }

    private static String model(Random random) {
        String prefix = pick(MODEL_PREFIXES, random);
        int number = switch (random.nextInt(3)) {
            case 0 -> 1 + random.nextInt(9);            // S7
            case 1 -> (1 + random.nextInt(99)) * 10;    // X200
            default -> 100 + random.nextInt(900);       // Q731
        };
        return prefix.length() > 2 ? prefix + " " + number : prefix + number;
    }

    private static String description(Kind kind, String nameAdjective, Random random) {
        String noun = inProse(kind.noun());
        String adjective = inProse(nameAdjective);
        String material = pick(kind.materials(), random);
        String feature = pick(kind.features(), random);
        String use = pick(kind.uses(), random);
        List<String> sentences = new ArrayList<>(3);
        sentences.add(kind.plural()
                ? "Built with " + material + ", these " + adjective + " " + noun + " feature " + feature + "."
                : "Built with " + material + ", this " + adjective + " " + noun + " features " + feature + ".");
        int extra = random.nextInt(3);
        if (extra >= 1) {
            String otherFeature = pick(kind.features(), random);
            sentences.add(otherFeature.equals(feature)
                    ? "Designed for " + use + "."
                    : "Designed for " + use + (kind.plural() ? ", they also offer " : ", it also offers ")
                            + otherFeature + ".");
        }
        if (extra >= 2) {
            sentences.add(random.nextBoolean()
                    ? "Available in " + pick(COLORS, random) + "."
                    : "Backed by a " + (1 + random.nextInt(3)) + "-year limited warranty.");
        }
        return String.join(" ", sentences);
    }

    /** Lower-cases the plain words of a title ("Noise-Cancelling" → "noise-cancelling") but keeps "4K", "RGB", "MagSafe". */
    private static String inProse(String title) {
        StringBuilder prose = new StringBuilder(title.length());
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= title.length(); i++) {
            char c = i < title.length() ? title.charAt(i) : ' ';
            if (c == ' ' || c == '-') {
                prose.append(isPlainWord(word) ? word.toString().toLowerCase(Locale.ROOT) : word);
                if (i < title.length()) {
                    prose.append(c);
                }
                word.setLength(0);
            } else {
                word.append(c);
            }
        }
        return prose.toString();
    }

    private static boolean isPlainWord(CharSequence word) {
        if (word.length() == 0 || !Character.isUpperCase(word.charAt(0))) {
            return false;
        }
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!Character.isLowerCase(c) && c != '\'') {
                return false;
            }
        }
        return true;
    }

    private static <T> T pick(List<T> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    // ------------------------------------------------------------------ warehouses

    private static List<Warehouse> warehouses() {
        return List.of(
                new Warehouse(warehouseId(1), "Newark Fulfillment Center", "200 Doremus Avenue", "Newark", "NJ",
                        "07105", "US", 40.7243, -74.1390),
                new Warehouse(warehouseId(2), "Dallas Fulfillment Center", "2800 Regal Row", "Dallas", "TX",
                        "75235", "US", 32.8184, -96.8637),
                new Warehouse(warehouseId(3), "Reno Fulfillment Center", "1200 Kleppe Lane", "Reno", "NV",
                        "89502", "US", 39.5130, -119.7750));
    }

    // ------------------------------------------------------------------ word lists

    private static final List<String> BRANDS = List.of(
            "Acme", "Northwind", "Contoso", "Lumina", "Vantage", "Kestrel", "Aurora", "Summit", "Ridgeline",
            "Bluefin", "Copperleaf", "Ironwood", "Nimbus", "Solace", "Trailhead", "Zephyr", "Halcyon", "Granite",
            "Brightside", "Polaris", "Maple & Pine", "Everstead", "Quillon", "Novaro", "Tidewater", "Arcadia",
            "Fernhill", "Orbitline", "Pioneer Works", "Sable", "Crescent", "Windrose", "Oakhaven", "Vertex",
            "Lakeshore", "Cobalt", "Juniper", "Hearthstone", "Driftwood", "Stellar");

    private static final List<String> MODEL_PREFIXES = List.of(
            "X", "S", "Z", "Q", "R", "V", "M", "A", "GT", "LX", "Pro", "Max", "Air", "Mini", "Plus");

    private static final List<String> COLORS = List.of(
            "matte black", "arctic white", "slate gray", "navy blue", "forest green", "sandstone beige",
            "crimson red", "midnight blue", "sage green", "charcoal", "graphite and orange", "rose gold");

    private static final List<Kind> KINDS = List.of(
            new Kind("Headphones", 29, 449,
                    List.of("Wireless", "Noise-Cancelling", "Over-Ear", "Studio", "Bluetooth", "Foldable"),
                    List.of("40-hour battery life", "active noise cancellation", "memory-foam ear cushions",
                            "multipoint Bluetooth pairing", "a detachable boom microphone", "USB-C fast charging"),
                    List.of("brushed aluminum and protein leather", "lightweight polycarbonate",
                            "stainless steel and soft fabric"),
                    List.of("long flights", "focused work in open offices", "studio monitoring", "daily commutes")),
            new Kind("Earbuds", 19, 299,
                    List.of("True Wireless", "Sport", "Noise-Cancelling", "Waterproof", "Compact"),
                    List.of("an IPX7 water rating", "a pocket-sized charging case", "transparency mode",
                            "secure-fit ear wings", "8 hours of playback per charge"),
                    List.of("soft-touch silicone", "recycled plastics", "matte polycarbonate"),
                    List.of("workouts and runs", "phone calls on the go", "the gym and the office")),
            new Kind("Laptop", 399, 2499,
                    List.of("Ultralight", "Gaming", "Business", "Convertible", "Creator", "14-Inch", "16-Inch"),
                    List.of("a high-refresh display", "all-day battery life", "a backlit keyboard",
                            "Thunderbolt ports", "a 1080p webcam with privacy shutter", "32 GB of memory"),
                    List.of("a CNC-machined aluminum chassis", "magnesium alloy", "carbon-fiber composite"),
                    List.of("students and travelers", "video editing and 3D work", "remote work",
                            "competitive gaming")),
            new Kind("Running Shoes", 59, 229,
                    List.of("Trail", "Lightweight", "Cushioned", "Road", "Stability", "Racing"),
                    List.of("a responsive foam midsole", "a grippy rubber outsole", "a breathable knit upper",
                            "reflective details", "a carbon propulsion plate"),
                    List.of("engineered mesh", "recycled knit", "ripstop textile"),
                    List.of("daily training", "marathon race day", "rocky trails", "easy recovery runs")),
            new Kind("Coffee Maker", 29, 599,
                    List.of("Programmable", "Drip", "Single-Serve", "Espresso", "Pour-Over", "Thermal"),
                    List.of("a built-in burr grinder", "a 12-cup thermal carafe", "a 24-hour brew timer",
                            "a steam wand for milk", "adjustable brew strength"),
                    List.of("stainless steel", "borosilicate glass and steel", "BPA-free plastic"),
                    List.of("busy mornings", "small kitchens", "home baristas", "the office break room")),
            new Kind("Backpack", 25, 249,
                    List.of("Travel", "Commuter", "Hiking", "Rolltop", "Laptop", "Waterproof"),
                    List.of("a padded 16-inch laptop sleeve", "a luggage pass-through", "hidden anti-theft pockets",
                            "a ventilated back panel", "a hip belt with pockets"),
                    List.of("1000D Cordura nylon", "recycled polyester", "waxed canvas", "TPU-coated fabric"),
                    List.of("daily commutes", "weekend trips", "day hikes", "carry-on travel")),
            new Kind("Desk Lamp", 15, 199,
                    List.of("LED", "Architect", "Dimmable", "Swing-Arm", "Minimalist"),
                    List.of("five color temperatures", "a wireless charging base", "touch dimming",
                            "a flicker-free light panel", "an auto-off timer"),
                    List.of("powder-coated steel", "anodized aluminum", "walnut and brass"),
                    List.of("late-night reading", "home offices", "drafting and crafts")),
            new Kind("Phone Case", 5, 69,
                    List.of("Slim", "Rugged", "Clear", "Wallet", "MagSafe-Compatible", "Leather"),
                    List.of("raised edges to protect the camera", "a built-in card slot",
                            "military-grade drop protection", "a grippy textured back", "a built-in kickstand"),
                    List.of("shock-absorbing TPU", "full-grain leather", "recycled polycarbonate"),
                    List.of("everyday protection", "outdoor adventures", "minimalists")),
            new Kind("Yoga Mat", 15, 149,
                    List.of("Non-Slip", "Extra-Thick", "Travel", "Eco", "Alignment"),
                    List.of("laser-etched alignment lines", "a carrying strap", "a moisture-resistant surface",
                            "6 mm of joint-friendly cushioning"),
                    List.of("natural tree rubber", "TPE foam", "cork and rubber"),
                    List.of("hot yoga", "pilates", "home workouts", "stretching after runs")),
            new Kind("Smartwatch", 79, 799,
                    List.of("Fitness", "GPS", "Hybrid", "Rugged", "Solar"),
                    List.of("heart-rate and sleep tracking", "built-in GPS", "a sapphire crystal display",
                            "two weeks of battery life", "contactless payments"),
                    List.of("titanium", "aluminum and a silicone band", "stainless steel"),
                    List.of("triathlon training", "everyday wellness", "hiking and climbing")),
            new Kind("Portable Speaker", 25, 399,
                    List.of("Bluetooth", "Waterproof", "Outdoor", "Party", "Mini"),
                    List.of("360-degree sound", "a 20-hour battery", "stereo pairing", "a built-in power bank"),
                    List.of("ruggedized rubber and fabric", "anodized aluminum", "recycled plastics"),
                    List.of("beach days", "backyard parties", "camping trips", "the shower")),
            new Kind("Mechanical Keyboard", 39, 299,
                    List.of("Wireless", "Tenkeyless", "RGB", "Compact", "Low-Profile", "Hot-Swappable"),
                    List.of("hot-swappable switches", "PBT double-shot keycaps", "per-key RGB lighting",
                            "a gasket-mounted plate", "Bluetooth and USB-C modes"),
                    List.of("an aluminum case", "a polycarbonate case", "a steel top plate"),
                    List.of("programmers", "competitive gaming", "all-day typing")),
            new Kind("Wireless Mouse", 12, 149,
                    List.of("Ergonomic", "Gaming", "Vertical", "Silent", "Travel"),
                    List.of("a 26,000 DPI sensor", "silent clicks", "a hyper-scroll wheel",
                            "six programmable buttons", "a 70-day battery"),
                    List.of("lightweight honeycomb plastic", "soft-touch rubber", "recycled plastics"),
                    List.of("spreadsheets and design work", "first-person shooters", "laptop bags")),
            new Kind("Monitor", 129, 1499,
                    List.of("4K", "Curved", "Ultrawide", "Gaming", "Portable", "27-Inch"),
                    List.of("a 144 Hz refresh rate", "USB-C power delivery", "factory color calibration",
                            "a height-adjustable stand", "HDR support"),
                    List.of("a slim metal frame", "matte anti-glare glass", "recycled plastics"),
                    List.of("photo editing", "multitasking", "console and PC gaming")),
            new Kind("Office Chair", 99, 1299,
                    List.of("Ergonomic", "Mesh", "Executive", "Task", "Kneeling"),
                    List.of("adjustable lumbar support", "4D armrests", "a synchro-tilt mechanism",
                            "a breathable mesh back", "a 12-year warranty on the frame"),
                    List.of("breathable mesh and aluminum", "bonded leather", "recycled fabric and steel"),
                    List.of("long workdays", "home offices", "gaming sessions")),
            new Kind("Water Bottle", 9, 59,
                    List.of("Insulated", "Stainless", "Leakproof", "Collapsible", "Wide-Mouth"),
                    List.of("double-wall vacuum insulation", "a leakproof chug cap", "a built-in straw",
                            "24 hours of cold"),
                    List.of("18/8 stainless steel", "BPA-free Tritan", "food-grade silicone"),
                    List.of("the gym", "long hikes", "school and work")),
            new Kind("Blender", 29, 499,
                    List.of("High-Speed", "Personal", "Countertop", "Professional", "Cordless"),
                    List.of("a 1,500-watt motor", "preset smoothie programs", "a self-cleaning cycle",
                            "to-go blending cups"),
                    List.of("stainless steel blades and a Tritan jar", "brushed steel", "BPA-free plastic"),
                    List.of("morning smoothies", "soups and sauces", "nut butters")),
            new Kind("Air Fryer", 49, 299,
                    List.of("Digital", "Dual-Basket", "Compact", "Family-Size", "Oven-Style"),
                    List.of("eight cooking presets", "a nonstick dishwasher-safe basket",
                            "a viewing window", "rapid air circulation"),
                    List.of("stainless steel", "ceramic-coated steel", "heat-resistant plastic"),
                    List.of("weeknight dinners", "crispy snacks with less oil", "reheating leftovers")),
            new Kind("Chef's Knife", 19, 249,
                    List.of("Japanese", "German", "Damascus", "Forged", "Santoku-Style"),
                    List.of("a razor-sharp 15-degree edge", "a full tang", "a balanced ergonomic handle",
                            "a protective sheath"),
                    List.of("high-carbon stainless steel", "67-layer Damascus steel", "VG-10 steel and pakkawood"),
                    List.of("home cooks", "professional kitchens", "precise vegetable prep")),
            new Kind("Cookware Set", 79, 899,
                    List.of("Nonstick", "Tri-Ply", "Cast Iron", "Induction-Ready", "Ceramic"),
                    List.of("oven-safe handles", "tempered glass lids", "even heat distribution",
                            "dishwasher-safe pieces"),
                    List.of("tri-ply stainless steel", "pre-seasoned cast iron", "hard-anodized aluminum"),
                    List.of("family meals", "first apartments", "serious home chefs")),
            new Kind("Camping Tent", 69, 799,
                    List.of("2-Person", "4-Person", "Ultralight", "Backpacking", "Family", "All-Season"),
                    List.of("a full rain fly", "color-coded poles for quick setup", "two vestibules",
                            "taped seams", "mesh panels for ventilation"),
                    List.of("ripstop nylon and aluminum poles", "polyester taffeta", "silnylon"),
                    List.of("backpacking trips", "car camping", "music festivals")),
            new Kind("Sleeping Bag", 39, 399,
                    List.of("Down", "Mummy", "Ultralight", "3-Season", "Rectangular"),
                    List.of("a comfort rating of 20 F", "a draft collar", "a compression sack",
                            "a two-way zipper"),
                    List.of("650-fill responsibly sourced down", "synthetic insulation", "ripstop nylon"),
                    List.of("alpine camping", "summer nights outdoors", "backpacking")),
            new Kind("Hiking Boots", 79, 349,
                    List.of("Waterproof", "Mid", "Leather", "Lightweight", "Insulated"),
                    List.of("a waterproof membrane", "a Vibram outsole", "a padded collar",
                            "a protective toe cap"),
                    List.of("full-grain leather", "suede and mesh", "synthetic textile"),
                    List.of("muddy trails", "multi-day treks", "winter hikes")),
            new Kind("Rain Jacket", 49, 399,
                    List.of("Packable", "Waterproof", "Insulated", "Lightweight", "Hooded"),
                    List.of("fully taped seams", "pit zips", "an adjustable hood", "a stow-away pocket"),
                    List.of("3-layer waterproof shell", "recycled nylon", "breathable membrane fabric"),
                    List.of("rainy commutes", "hiking in the mountains", "travel")),
            new Kind("Sunglasses", 15, 299,
                    List.of("Polarized", "Aviator", "Sport", "Wayfarer-Style", "Round"),
                    List.of("UV400 protection", "scratch-resistant lenses", "spring hinges",
                            "a hard-shell case"),
                    List.of("acetate frames", "titanium frames", "nylon frames"),
                    List.of("driving", "cycling", "days at the beach")),
            new Kind("Electric Toothbrush", 19, 249,
                    List.of("Sonic", "Rechargeable", "Travel", "Smart", "Whitening"),
                    List.of("a two-minute timer", "a pressure sensor", "five brushing modes",
                            "a three-week battery"),
                    List.of("soft-touch plastic", "stainless steel accents", "BPA-free materials"),
                    List.of("sensitive gums", "frequent travelers", "whiter teeth")),
            new Kind("Hair Dryer", 19, 399,
                    List.of("Ionic", "Compact", "Professional", "Travel", "Diffuser"),
                    List.of("three heat settings", "a cool shot button", "a concentrator nozzle",
                            "a folding handle"),
                    List.of("ceramic and tourmaline", "lightweight plastic", "heat-resistant composite"),
                    List.of("curly hair", "quick mornings", "salon-style blowouts")),
            new Kind("Stick Vacuum", 99, 799,
                    List.of("Cordless", "Lightweight", "Pet", "Bagless", "HEPA"),
                    List.of("a 60-minute runtime", "a HEPA filter", "a tangle-free brush roll",
                            "a wall-mounted dock"),
                    List.of("durable polycarbonate", "aluminum wand and plastic", "recycled plastics"),
                    List.of("homes with pets", "hardwood floors", "quick cleanups")),
            new Kind("Bike Helmet", 29, 299,
                    List.of("Road", "Mountain", "Commuter", "Aero", "Kids"),
                    List.of("MIPS rotational protection", "18 vents", "an integrated rear light",
                            "a magnetic buckle"),
                    List.of("in-mold polycarbonate and EPS foam", "EPP foam", "reinforced shell"),
                    List.of("daily rides to work", "enduro trails", "group road rides")),
            new Kind("Adjustable Dumbbells", 49, 599,
                    List.of("Quick-Change", "Compact", "Heavy-Duty", "Home Gym"),
                    List.of("a dial selector from 5 to 52 lb", "a storage tray", "knurled handles"),
                    List.of("cast iron and steel", "molded plastic over steel", "chrome-plated steel"),
                    List.of("small apartments", "strength training at home", "full-body workouts")),
            new Kind("Webcam", 29, 249,
                    List.of("4K", "1080p", "Streaming", "Wide-Angle", "Auto-Focus"),
                    List.of("a built-in privacy shutter", "dual noise-reducing microphones", "auto light correction",
                            "a flexible monitor clip"),
                    List.of("aluminum and glass", "matte plastic", "recycled plastics"),
                    List.of("video calls", "live streaming", "online classes")),
            new Kind("Portable SSD", 49, 499,
                    List.of("Rugged", "Pocket", "High-Speed", "1TB", "2TB", "4TB"),
                    List.of("read speeds up to 2,000 MB/s", "hardware encryption", "USB-C connectivity",
                            "drop resistance up to 3 m"),
                    List.of("an aluminum unibody", "rubberized plastic", "forged aluminum"),
                    List.of("photographers", "video editors", "backups on the go")),
            new Kind("Game Controller", 29, 199,
                    List.of("Wireless", "Pro", "Ergonomic", "Retro", "Elite"),
                    List.of("remappable back paddles", "hall-effect sticks", "low-latency wireless",
                            "adjustable trigger stops"),
                    List.of("textured plastic", "rubberized grips", "recycled plastics"),
                    List.of("PC and console gaming", "fighting games", "long play sessions")),
            new Kind("E-Reader", 79, 349,
                    List.of("Waterproof", "Paperwhite-Style", "Color", "Compact", "Large-Screen"),
                    List.of("a glare-free 300 ppi display", "an adjustable warm light", "weeks of battery life",
                            "32 GB of storage"),
                    List.of("recycled plastic and glass", "soft-touch polymer", "aluminum"),
                    List.of("reading by the pool", "commuters", "bedtime reading")));
}
