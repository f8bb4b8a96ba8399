package io.storefront.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.storefront.catalog.search.ItemChangeFeed.ItemRow;

/**
 * The judged query set: a fixed small catalog and, for each query, the items a shopper expects at the top. It pins
 * an engine's relevance (BM25, name above description, stemming, the word being typed, typos, phrases, exclusions,
 * "or") so that a change to analyzers or boosts that makes search worse fails here. Every index engine runs it: one
 * subclass per engine says how to index the catalog and how to ask it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SearchRelevanceSuite {

    private static final Map<Integer, UUID> IDS = new LinkedHashMap<>();
    private final List<ItemRow> rows = new ArrayList<>();

    /** Indexes the judged catalog and makes it searchable. */
    protected abstract void index(List<ItemRow> items) throws IOException;

    protected abstract SearchService.SearchHits search(SearchRequest request) throws IOException;

    protected abstract List<Suggestion> suggest(String text, int limit) throws IOException;

    /** Frees what {@link #index} took. */
    protected abstract void close() throws IOException;

    @BeforeAll
    void indexTheCatalog() throws IOException {
        item(1, "Wireless Headphones", "Over-ear Bluetooth headphones with active noise cancelling and 30 hour battery", 19900);
        item(2, "Wired Headphones", "Studio headphones with a detachable cable", 7900);
        item(3, "Wireless Earbuds", "True wireless in-ear buds with charging case", 12900);
        item(4, "Headphone Stand", "Aluminium stand for over-ear headphones", 2900);
        item(5, "Bluetooth Speaker", "Portable waterproof speaker with deep bass", 5900);
        item(6, "Red Electric Kettle", "1.7 litre stainless steel kettle with auto shut-off", 3900);
        item(7, "Travel Kettle", "Folding silicone kettle for camping", 2500);
        item(8, "Gooseneck Kettle", "Pour-over coffee kettle with temperature control", 6900);
        item(9, "Red Toaster", "Two-slice toaster in cherry red", 3500);
        item(10, "Coffee Maker", "Drip coffee maker brewing twelve cups", 4900);
        item(11, "Espresso Machine", "15 bar espresso machine with milk frother", 29900);
        item(12, "Coffee Grinder", "Conical burr grinder for espresso and filter coffee", 8900);
        item(13, "Running Shoes", "Lightweight shoes for road running", 8900);
        item(14, "Trail Running Shoes", "Grippy shoes for muddy trails", 11900);
        item(15, "Leather Boots", "Waterproof leather boots for winter", 15900);
        item(16, "Wool Socks", "Merino wool hiking socks, pack of three", 1900);
        item(17, "Yoga Mat", "Non-slip yoga mat, 6 mm", 2900);
        item(18, "Desk Lamp", "LED desk lamp with dimmer and USB charging port", 3900);
        item(19, "Reading Lamp", "Warm light floor lamp for reading", 5900);
        item(20, "Mechanical Keyboard", "Tenkeyless keyboard with brown switches", 9900);
        item(21, "Wireless Mouse", "Ergonomic wireless mouse with silent clicks", 2900);
        item(22, "USB-C Cable", "Braided USB-C to USB-C charging cable, 2 m", 1500);
        item(23, "Laptop Backpack", "Water-resistant backpack with a padded 15 inch laptop sleeve", 6900);
        item(24, "Hiking Backpack", "40 litre backpack for multi-day hikes", 8900);
        item(25, "Stainless Steel Water Bottle", "Insulated bottle keeps drinks cold for 24 hours", 2900);
        item(26, "Cast Iron Skillet", "Pre-seasoned 12 inch skillet", 3900);
        item(27, "Nonstick Frying Pan", "Ceramic nonstick pan for eggs and pancakes", 3400);
        item(28, "Chef Knife", "8 inch chef's knife of German steel", 7900);
        item(29, "Cutting Board", "Bamboo cutting board with juice groove", 2400);
        item(30, "Blender", "High-speed blender for smoothies and soups", 9900);
        item(31, "Air Fryer", "5 litre air fryer with digital controls", 11900);
        item(32, "Rice Cooker", "Fuzzy logic rice cooker, 10 cups", 8900);
        item(33, "Smart Watch", "Fitness tracking watch with heart rate monitor", 19900);
        item(34, "Phone Case", "Shockproof clear case for phones", 1900);
        item(35, "Portable Charger", "10000 mAh power bank with USB-C", 3900);
        item(36, "Noise Cancelling Earbuds", "Compact earbuds that block out the world", 17900);
        item(37, "Gaming Headset", "Headset with microphone for online games", 6900);
        item(38, "Office Chair", "Ergonomic mesh chair with lumbar support", 24900);
        item(39, "Standing Desk", "Electric height adjustable desk", 39900);
        item(40, "Monitor Arm", "Gas spring arm for one monitor", 4900);
        item(41, "Red Wine Glasses", "Set of four crystal glasses for red wine", 3900);
        item(42, "Tea Infuser", "Stainless steel infuser for loose leaf tea", 900);
        item(43, "Teapot", "Ceramic teapot, 1 litre", 2900);
        item(44, "Electric Toothbrush", "Rechargeable toothbrush with two brush heads", 5900);
        item(45, "Hair Dryer", "Ionic hair dryer with diffuser", 4900);
        item(46, "Umbrella", "Windproof travel umbrella", 2400);
        item(47, "Rain Jacket", "Packable waterproof jacket", 8900);
        item(48, "Down Jacket", "Warm down jacket for cold winters", 17900);
        item(49, "Kids Rain Boots", "Rubber boots for puddles", 2900);
        item(50, "Model 123456 Replacement Filter", "Water filter cartridge for model 123456 pitchers", 1200);
        item(51, "Water Filter Pitcher", "Pitcher with a replaceable filter", 2900);
        item(52, "Wireless Charger", "Qi charging pad for phones and earbuds", 2900);
        item(53, "Model 123457 Replacement Filter", "Water filter cartridge for model 123457 pitchers", 1200);
        item(54, "Café Table", "Round bistro table for two", 12900);
        item(55, "Lampshade", "Linen shade, 30 cm", 1900);
        index(rows);
    }

    @AfterAll
    void closeTheIndex() throws IOException {
        close();
    }

    /** query, the items that must be the first ones (in any order), items that must be in the top 10, items that must not appear. */
    public static Stream<Arguments> judgments() {
        return Stream.of(
                judged("wireless headphones", top(1), in10(), none(2, 3)),
                judged("headphones", top(1, 2), in10(4), none(5)),
                judged("headph", top(1, 2, 4), in10(), none()),
                judged("hedphones", top(1, 2), in10(4), none()),
                judged("wireles headphnes", top(1), in10(), none()),
                judged("kettle", top(6, 7, 8), in10(), none(9)),
                judged("red kettle", top(6), in10(), none(7)),
                judged("kettlx red", top(6), in10(), none()),
                judged("red", top(9, 41, 6), in10(), none()),
                judged("coffee", top(10, 12), in10(8), none()),
                judged("espresso", top(11, 12), in10(), none()),
                judged("running shoes", top(13, 14), in10(), none()),
                judged("shoes -trail", top(13), in10(), none(14)),
                judged("\"trail running\"", top(14), in10(), none(13)),
                judged("boots", top(15, 49), in10(), none()),
                judged("waterproof boots", top(15), in10(), none()),
                judged("lamp", top(18, 19), in10(55), none()),
                judged("lampshade", top(55), in10(), none(18, 19)),
                judged("cafe", top(54), in10(), none()),
                judged("café tables", top(54), in10(), none()),
                judged("desk", top(18, 39), in10(), none()),
                judged("usb-c cable", top(22), in10(), none()),
                judged("backpack", top(23, 24), in10(), none()),
                judged("laptop backpack", top(23), in10(), none()),
                judged("water bottle", top(25), in10(), none()),
                judged("skillet", top(26), in10(), none()),
                judged("frying pan", top(27), in10(), none()),
                judged("knife", top(28), in10(), none()),
                judged("smoothie", top(30), in10(), none()),
                judged("rice cooker", top(32), in10(), none()),
                judged("watches", top(33), in10(), none()),
                judged("earbuds", top(3, 36), in10(52), none()),
                judged("noise cancelling", top(36, 1), in10(), none()),
                judged("model 123456", top(50), in10(), none(53)),
                judged("filter", top(50, 51, 53), in10(12), none()),
                judged("jacket", top(47, 48), in10(), none()),
                judged("rain", top(47, 49), in10(), none()),
                judged("tea", top(42, 43), in10(), none()),
                judged("charger", top(35, 52), in10(), none()),
                judged("wireless or bluetooth speaker", top(5), in10(), none(1)),
                judged("ergonomic", top(38, 21), in10(), none()),
                judged("mecanical keyboard", top(20), in10(), none()),
                judged("umbrela", top(46), in10(), none()),
                judged("the kettle", top(6, 7, 8), in10(), none()),
                judged("toothbrushes", top(44), in10(), none()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.storefront.catalog.search.SearchRelevanceSuite#judgments")
    void shouldPutTheExpectedItemsFirst(String query, List<Integer> top, List<Integer> inTen, List<Integer> absent)
            throws IOException {
        List<Integer> found = search(query, SearchSort.RELEVANCE, null, null);

        assertThat(found).as("results of %s", query).hasSizeGreaterThanOrEqualTo(top.size());
        assertThat(found.subList(0, top.size())).as("first results of %s", query).containsExactlyInAnyOrderElementsOf(top);
        for (Integer wanted : inTen) {
            assertThat(found.subList(0, Math.min(10, found.size()))).as("top 10 of %s", query).contains(wanted);
        }
        for (Integer unwanted : absent) {
            assertThat(found).as("results of %s", query).doesNotContain(unwanted);
        }
    }

    @Test
    void shouldSortByPriceWithTiesByIdAndFilterByPrice() throws IOException {
        assertThat(search("kettle", SearchSort.PRICE_ASC, null, null)).containsExactly(7, 6, 8);
        assertThat(search("kettle", SearchSort.PRICE_DESC, null, null)).containsExactly(8, 6, 7);
        assertThat(search("kettle", SearchSort.RELEVANCE, 3000L, 6900L)).containsExactlyInAnyOrder(6, 8);
        assertThat(search("kettle", SearchSort.RELEVANCE, 3901L, null)).containsExactly(8);
        // equal prices (2900) come in id order
        List<Integer> cheap = search("", SearchSort.PRICE_ASC, 2900L, 2900L);
        List<String> ids = cheap.stream().map(n -> IDS.get(n).toString()).toList();
        assertThat(ids).isSorted().hasSize(8);
    }

    @Test
    void shouldAnswerAQueryOfManyLongWordsWithinLucenesClauseLimit() throws IOException {
        String longest = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "headphone" + (char) ('a' + i))
                .collect(java.util.stream.Collectors.joining(" "));
        // every word is one edit from "headphone(s)": the headphone items, answered without TooManyClauses
        assertThat(search(longest, SearchSort.RELEVANCE, null, null)).containsExactlyInAnyOrder(1, 2, 4);
        assertThat(suggest(longest, 8)).isEmpty();
    }

    @Test
    void shouldFindNothingForTextWithNoWords() throws IOException {
        assertThat(search("!!! %%%", SearchSort.RELEVANCE, null, null)).isEmpty();
        assertThat(search("zzzzqqqq", SearchSort.RELEVANCE, null, null)).isEmpty();
    }

    @Test
    void shouldSuggestNamesForTheWordBeingTyped() throws IOException {
        assertThat(suggest("wir", 8)).extracting(s -> s.text())
                .containsExactlyInAnyOrder("Wireless Headphones", "Wired Headphones", "Wireless Earbuds",
                        "Wireless Mouse", "Wireless Charger");
        assertThat(suggest("wireless hea", 8)).extracting(s -> s.text()).containsExactly("Wireless Headphones");
        assertThat(suggest("ket", 2)).hasSize(2);
        assertThat(suggest("%%", 8)).isEmpty();
    }

    private List<Integer> search(String query, SearchSort sort, Long min, Long max) throws IOException {
        List<Integer> found = new ArrayList<>();
        String cursor = null;
        do {
            var hits = search(new SearchRequest(query, sort, min, max, 10, cursor));
            for (UUID id : hits.ids()) {
                found.add(number(id));
            }
            cursor = hits.nextCursor();
        } while (cursor != null);
        assertThat(found).as("pages of %s", query).doesNotHaveDuplicates();
        return found;
    }

    private static int number(UUID id) {
        return IDS.entrySet().stream().filter(e -> e.getValue().equals(id)).findFirst().orElseThrow().getKey();
    }

    private void item(int number, String name, String description, long price) {
        UUID id = UUID.nameUUIDFromBytes(("item " + number).getBytes(StandardCharsets.UTF_8));
        IDS.put(number, id);
        rows.add(new ItemRow(id, name, description, price, "USD", 1, number));
    }

    private static Arguments judged(String query, List<Integer> top, List<Integer> inTen, List<Integer> absent) {
        return Arguments.of(query, top, inTen, absent);
    }

    private static List<Integer> top(Integer... numbers) {
        return List.of(numbers);
    }

    private static List<Integer> in10(Integer... numbers) {
        return List.of(numbers);
    }

    private static List<Integer> none(Integer... numbers) {
        return List.of(numbers);
    }
}
