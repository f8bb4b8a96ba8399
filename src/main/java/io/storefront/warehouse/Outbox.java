package io.storefront.warehouse;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import io.storefront.shared.Json;
import io.storefront.shared.Sql;

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

    /** The notification's body, as the webhook receives it. */
    @RegisterForReflection
    public record Notification(String eventType, WarehouseOrderView warehouseOrder) {
    }

    void warehouseOrderEvent(String eventType, WarehouseOrderView warehouseOrder) {
        String payload = json.write(new Notification(eventType, warehouseOrder));
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        UUID warehouseId = warehouseOrder.warehouseId();
        sql.runAfterFlush(connection -> Sql.update(connection, """
                INSERT INTO outbox (warehouse_id, event_type, payload, created_at, next_attempt_at)
                SELECT id, ?, cast(? AS jsonb), ?, ? FROM warehouse WHERE id = ? AND webhook_url IS NOT NULL""",
                eventType, payload, now, now, warehouseId));
    }
}
