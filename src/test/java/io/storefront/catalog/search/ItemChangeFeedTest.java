package io.storefront.catalog.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storefront.catalog.search.ItemChangeFeed.ItemRow;
import io.storefront.catalog.search.ItemChangeFeed.Watermark;
import io.storefront.support.Fixtures;
import io.storefront.support.Race;

/**
 * The change feed hands out every committed change exactly in an order that cannot skip one: a transaction that
 * took its sequence number early and commits late holds back the changes behind it until it ends.
 */
@QuarkusTest
class ItemChangeFeedTest {

    @Inject
    ItemChangeFeed feed;

    @Inject
    DataSource dataSource;

    @Inject
    Fixtures fixtures;

    @Test
    void shouldHoldBackLaterChangesUntilAnEarlierTransactionCommits() throws Exception {
        Watermark start = drain(new Watermark(0, 0), new ArrayList<>());
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            insert(slow, early, "Early Writer Lamp"); // takes its transaction id and sequence number first
            insert(late, "Late Writer Lamp"); // commits first, with a later id and number

            List<ItemRow> seen = new ArrayList<>();
            Watermark afterFirstLook = drain(start, seen);
            assertThat(ids(seen)).as("nothing passes an open older transaction").doesNotContain(early, late);
            assertThat(afterFirstLook).isEqualTo(start);

            slow.commit();
        }
        List<ItemRow> seen = new ArrayList<>();
        drain(start, seen);
        assertThat(ids(seen)).containsSubsequence(early, late);
        assertThat(fixtures.queryInt("SELECT count(*) FROM item WHERE id IN (?, ?) AND change_seq IS NOT NULL",
                early, late)).isEqualTo(2);
    }

    @Test
    void shouldFindAnItemOfALateCommittingTransactionInTheIndex() throws Exception {
        String m = Fixtures.marker();
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            insert(slow, early, "Early Kettle " + m);
            insert(late, "Late Kettle " + m);
            Thread.sleep(600); // the index polls every 250 ms meanwhile
            slow.commit();
        }
        // Eventually, not within a bound: the one-second bound is SearchReplicasIT's, on a quiet machine.
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(given().queryParam("q", m + " kettle").get("/api/v1/items").then().statusCode(200)
                        .extract().jsonPath().getList("items.id", String.class))
                        .containsExactlyInAnyOrder(early.toString(), late.toString()));
    }

    @Test
    void shouldHandOutEveryChangeOfManyConcurrentWritersCommittingInRandomOrder() throws Exception {
        Watermark start = drain(new Watermark(0, 0), new ArrayList<>());
        Set<UUID> written = ConcurrentHashMap.newKeySet();
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        Watermark[] watermark = { start };
        var poller = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    List<ItemRow> rows = new ArrayList<>();
                    watermark[0] = drain(watermark[0], rows);
                    rows.forEach(row -> seen.add(row.id()));
                    Thread.sleep(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        poller.start();
        List<java.util.concurrent.Callable<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            writers.add(() -> {
            for (int i = 0; i < 25; i++) {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    UUID id = UUID.randomUUID();
                    insert(connection, id, "Concurrent Writer Item " + writer + "-" + i);
                    Thread.sleep(ThreadLocalRandom.current().nextInt(0, 15));
                    connection.commit();
                    written.add(id);
                }
            }
            return null;
            });
        }
        Race.run(writers);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsAll(written));
        poller.interrupt();
        poller.join();
        assertThat(new HashSet<>(seen)).containsAll(written);
    }

    private Watermark drain(Watermark from, List<ItemRow> into) throws SQLException {
        Watermark at = from;
        while (true) {
            List<ItemRow> rows = feed.changesAfter(at, 100);
            for (ItemRow row : rows) {
                assertThat(row.watermark()).isGreaterThan(at);
                at = row.watermark();
            }
            into.addAll(rows);
            if (rows.size() < 100) {
                return at;
            }
        }
    }

    private static List<UUID> ids(List<ItemRow> rows) {
        return rows.stream().map(ItemRow::id).toList();
    }

    private void insert(UUID id, String name) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, id, name);
        }
    }

    private static void insert(Connection connection, UUID id, String name) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO item (id, name, description, price_amount, currency, created_at, updated_at) "
                        + "VALUES (?, ?, 'A test item', 1000, 'USD', now(), now())")) {
            insert.setObject(1, id);
            insert.setString(2, name);
            insert.executeUpdate();
        }
    }
}
