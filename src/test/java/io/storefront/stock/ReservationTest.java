package io.storefront.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * What a reservation reports back to checkout. Which quantities are taken is decided inside
 * {@link StockMoves#reserve} under the row locks, against the database, so it is specified by the HTTP and race
 * tests; what is pure is how a reservation answers for the lines it did not take.
 */
class ReservationTest {

    private static final UUID IN_STOCK = new UUID(0, 1);
    private static final UUID TOO_FEW = new UUID(0, 2);
    private static final UUID NO_STOCK_ROW = new UUID(0, 3);

    private final Reservation reservation = new Reservation(new TreeMap<>(Map.of(IN_STOCK, 2)),
            Map.of(IN_STOCK, 5, TOO_FEW, 1));

    @Test
    void shouldReportTheStockAnItemHadWhenItWasLocked() {
        assertThat(reservation.availableBefore(IN_STOCK)).isEqualTo(5);
        assertThat(reservation.availableBefore(TOO_FEW)).isEqualTo(1);
    }

    @Test
    void shouldReportNothingAvailableForAnItemWithoutAStockRow() {
        assertThat(reservation.availableBefore(NO_STOCK_ROW)).isZero();
        assertThat(reservation.taken()).containsOnlyKeys(IN_STOCK);
    }
}
