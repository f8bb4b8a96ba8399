package io.storefront.warehouse.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import io.quarkus.logging.Log;
import io.storefront.catalog.Item;
import io.storefront.order.OrderFulfilment;
import io.storefront.shared.db.Json;
import io.storefront.shared.error.ApiException;
import io.storefront.shared.error.ErrorCode;
import io.storefront.shared.web.Ids;
import io.storefront.shared.db.Sql;
import io.storefront.shared.db.Transactions;
import io.storefront.stock.StockMoves;
import io.storefront.stock.WarehouseStockLevel;

/**
 * Receipts and losses reported by warehouses. Each is idempotent by its {@code eventId}: the event row is written
 * first (its primary key makes a concurrent duplicate wait, then find it), the stock change follows in the same
 * transaction, and a repeated eventId returns the first result and changes nothing.
 */
@ApplicationScoped
public class StockReports {

    static final int MAX_QUANTITY = 1_000_000;

    @Inject
    Sql sql;

    @Inject
    StockMoves stock;

    @Inject
    OrderFulfilment fulfilment;

    @Inject
    Json json;

    @Inject
    Clock clock;

    /** The result, and whether this call recorded it (false: a repeated eventId). */
    public record Outcome(StockReportResult result, boolean recorded) {
    }

    public Outcome receive(UUID warehouseId, UUID itemId, StockReportRequest request) {
        Outcome outcome = report("RECEIPT", warehouseId, itemId, request, (eventId, quantity) -> {
            WarehouseStockLevel level = stock.receive(itemId, warehouseId, quantity);
            Log.infof("Receipt %s: %d of item %s arrived at warehouse %s", eventId, quantity, itemId, warehouseId);
            return level;
        });
        if (outcome.recorded()) {
            // After the commit, so that the stock is visible to whatever assigns the woken orders, and in a
            // transaction that holds no stock rows, so that it may wait for an order being assigned right now.
            try {
                int woken = Transactions.retrying("Waiting orders wake-up",
                        () -> fulfilment.wakeOrdersWaitingFor(itemId));
                if (woken > 0) {
                    Log.infof("Receipt %s: %d waiting order(s) of item %s to assign now", outcome.result().eventId(),
                            woken, itemId);
                }
            } catch (RuntimeException e) {
                // The receipt itself has committed: answer it. The orders are tried again at the end of their backoff.
                Log.warnf(e, "Receipt %s committed, but waking the orders waiting for item %s failed",
                        outcome.result().eventId(), itemId);
            }
        }
        return outcome;
    }

    public Outcome lose(UUID warehouseId, UUID itemId, StockReportRequest request) {
        if (request != null && (request.reason() == null || request.reason().isBlank()
                || request.reason().length() > 500)) {
            throw ApiException.validation("reason", "'reason' is required and at most 500 characters");
        }
        return report("LOSS", warehouseId, itemId, request, (eventId, quantity) -> {
            WarehouseStockLevel level = stock.lose(itemId, warehouseId, quantity);
            Log.infof("Loss %s: %d of item %s lost at warehouse %s (%s)", eventId, quantity, itemId, warehouseId,
                    request.reason());
            return level;
        });
    }

    @FunctionalInterface
    private interface Change {
        WarehouseStockLevel apply(UUID eventId, int quantity);
    }

    private Outcome report(String kind, UUID warehouseId, UUID itemId, StockReportRequest request, Change change) {
        if (request == null) {
            throw ApiException.validation("body", "A request body is required");
        }
        if (request.quantity() == null || request.quantity() < 1 || request.quantity() > MAX_QUANTITY) {
            throw ApiException.validation("quantity", "'quantity' must be between 1 and " + MAX_QUANTITY);
        }
        UUID eventId = Ids.parse("eventId", request.eventId());
        int quantity = request.quantity();
        return Transactions.retrying("Stock " + kind.toLowerCase(), () -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (!claimEvent(eventId, warehouseId, itemId, kind, quantity, request.reason(), now)) {
                StockReportResult first = storedResult(eventId);
                if (!first.warehouseId().equals(warehouseId) || !first.itemId().equals(itemId)
                        || !first.kind().equals(kind) || first.quantity() != quantity) {
                    throw ApiException.conflict(ErrorCode.EVENT_ID_REUSED,
                            "eventId " + eventId + " was already used for a different report");
                }
                return new Outcome(first, false);
            }
            WarehouseStockLevel level = change.apply(eventId, quantity);
            StockReportResult result = new StockReportResult(eventId, warehouseId, itemId, kind, quantity,
                    level.physicalStock(), level.availableStock(), now);
            storeResult(eventId, result);
            return new Outcome(result, true);
        });
    }

    /** Writes the event row; false if the eventId is already taken (after waiting for its writer to finish). */
    private boolean claimEvent(UUID eventId, UUID warehouseId, UUID itemId, String kind, int quantity, String reason,
            Instant now) {
        if (Item.findById(itemId) == null) {
            throw ApiException.notFound("Item " + itemId);
        }
        return sql.update("""
                INSERT INTO stock_event (event_id, warehouse_id, item_id, kind, quantity, reason, result, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, '{}'::jsonb, ?) ON CONFLICT (event_id) DO NOTHING""",
                eventId, warehouseId, itemId, kind, quantity, reason, now) == 1;
    }

    private void storeResult(UUID eventId, StockReportResult result) {
        String text = json.write(result);
        sql.update("UPDATE stock_event SET result = cast(? AS jsonb) WHERE event_id = ?", text, eventId);
    }

    private StockReportResult storedResult(UUID eventId) {
        String text = sql.one("SELECT result::text FROM stock_event WHERE event_id = ?", row -> row.getString(1), eventId);
        return json.read(text, StockReportResult.class);
    }
}
