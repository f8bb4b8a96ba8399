package io.storefront.warehouse.notify;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import io.storefront.shared.db.Json;
import io.storefront.shared.db.Sql;

/**
 * Notifications for warehouses with a webhook, written in the transaction of the change they announce: if the
 * change commits, so does its notification, and {@link WebhookDelivery} sends it afterwards, however often the
 * service restarts in between. Warehouses without a webhook pull instead, and get no outbox rows.
 */
@ApplicationScoped
public class Outbox {

    public static final String WAREHOUSE_ORDER_CREATED = "warehouse-order.created";
    public static final String WAREHOUSE_ORDER_CANCELLED = "warehouse-order.cancelled";

    @Inject
    Sql sql;

    @Inject
    Json json;

    @Inject
    Clock clock;

    /**
     * Writes a notification for a warehouse, if it has a webhook, in the current transaction; {@code body} is what
     * the webhook receives, as JSON. Notifications of one {@code subject} (a warehouse order) are delivered in the
     * order they are written.
     */
    public void write(UUID warehouseId, UUID subject, String eventType, Object body) {
        String payload = json.write(body);
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        sql.runAfterFlush(connection -> Sql.update(connection, """
                INSERT INTO outbox (warehouse_id, subject, event_type, payload, created_at, next_attempt_at)
                SELECT id, ?, ?, cast(? AS jsonb), ?, ? FROM warehouse WHERE id = ? AND webhook_url IS NOT NULL""",
                subject, eventType, payload, now, now, warehouseId));
    }
}
