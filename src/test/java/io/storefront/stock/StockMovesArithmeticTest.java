package io.storefront.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The arithmetic StockMoves does before its SQL: what a reservation takes, how receipts add up per item, and how
 * deltas become one change per warehouse row. The SQL itself is proven against PostgreSQL by the
 * race tests and the audit.
 */
class StockMovesArithmeticTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID C = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    private static final UUID NEWARK = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID DALLAS = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @Test
    void shouldTakeEachWantedQuantityInFullOrNotAtAll() {
        Map<UUID, Integer> taken = StockMoves.takeInFull(Map.of(C, 2, A, 5, B, 3), Map.of(A, 5, B, 2, C, 9));

        assertThat(taken).containsExactly(Map.entry(A, 5), Map.entry(C, 2)); // B short by one: none of it
    }

    @Test
    void shouldTakeNothingOfAnItemWithoutAStockRow() {
        assertThat(StockMoves.takeInFull(Map.of(A, 1), Map.of())).isEmpty();
    }

    @Test
    void shouldAddReceiptsUpPerItemAcrossWarehouses() {
        Map<UUID, Integer> items = StockMoves.perItem(List.of(new StockDelta(B, NEWARK, 4),
                new StockDelta(A, DALLAS, 1), new StockDelta(B, DALLAS, 6), new StockDelta(A, DALLAS, 2)));

        assertThat(items).containsExactly(Map.entry(A, 3), Map.entry(B, 10));
    }

    @Test
    void shouldRefuseAReceiptOfLessThanOneUnit() {
        assertThatThrownBy(() -> StockMoves.perItem(List.of(new StockDelta(A, NEWARK, 3), new StockDelta(B, NEWARK, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one unit");
        assertThatThrownBy(() -> StockMoves.perItem(List.of(new StockDelta(A, NEWARK, -2))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSumDeltasPerWarehouseRowOneChangePerRow() {
        List<StockDelta> rows = StockMoves.byRow(List.of(new StockDelta(B, DALLAS, 1), new StockDelta(A, DALLAS, 2),
                new StockDelta(B, NEWARK, 3), new StockDelta(B, DALLAS, 4), new StockDelta(A, NEWARK, -1)));

        assertThat(rows).containsExactly(new StockDelta(A, NEWARK, -1), new StockDelta(A, DALLAS, 2),
                new StockDelta(B, NEWARK, 3), new StockDelta(B, DALLAS, 5));
    }

    @Test
    void shouldGiveNoRowsForNoDeltas() {
        assertThat(StockMoves.byRow(List.of())).isEmpty();
    }
}
