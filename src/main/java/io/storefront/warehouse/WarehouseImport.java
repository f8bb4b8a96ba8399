package io.storefront.warehouse;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.storefront.shared.db.Sql;

/** Adding many warehouses at once, without webhooks, in the caller's transaction: the dev mode's sample catalog. */
@ApplicationScoped
public class WarehouseImport {

    @Inject
    Sql sql;

    /** {@code addressJson}: the address as the API shows it. */
    public record NewWarehouse(UUID id, String name, String addressJson, double latitude, double longitude) {
    }

    public void insertAll(List<NewWarehouse> warehouses) {
        if (warehouses.isEmpty()) {
            return;
        }
        sql.update("""
                INSERT INTO warehouse (id, name, address, latitude, longitude, webhook_url, webhook_secret, created_at)
                SELECT id, name, address::jsonb, latitude, longitude, NULL, NULL, now()
                FROM unnest(?::uuid[], ?::text[], ?::text[], ?::float8[], ?::float8[])
                     AS t(id, name, address, latitude, longitude)""",
                Sql.array("uuid", warehouses.stream().map(NewWarehouse::id).toList()),
                Sql.array("text", warehouses.stream().map(NewWarehouse::name).toList()),
                Sql.array("text", warehouses.stream().map(NewWarehouse::addressJson).toList()),
                Sql.array("float8", warehouses.stream().map(NewWarehouse::latitude).toList()),
                Sql.array("float8", warehouses.stream().map(NewWarehouse::longitude).toList()));
    }
}
