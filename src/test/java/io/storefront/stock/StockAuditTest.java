package io.storefront.stock;

import static io.restassured.RestAssured.given;
import static io.storefront.support.Api.assertAuditClean;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;
import io.storefront.support.Tokens;

/**
 * The audit is the oracle of every stock test, so it is shown to catch what it exists for: each test breaks
 * exactly one conservation rule of DOMAIN.md in the database, expects the audit to name the rule and the item, and
 * repairs the row (the audit must then be clean again, for the tests that follow).
 */
@QuarkusTest
class StockAuditTest {

    @Inject
    Fixtures fixtures;

    @AfterEach
    void auditIsCleanAfterTheRepair() {
        assertAuditClean();
    }

    @Test
    void shouldNameAnItemWhoseAggregatedStockDoesNotMatchItsWarehouses() {
        UUID item = fixtures.item("Audit rule 1 " + Fixtures.marker(), 5);

        fixtures.execute("UPDATE item_stock SET aggregated = aggregated + 1 WHERE item_id = ?", item);
        try {
            assertThat(violations()).anySatisfy(violation -> {
                assertThat(violation).containsEntry("rule", 1).containsEntry("itemId", item.toString())
                        .containsEntry("aggregated", 6).containsEntry("available", 5);
            });
        } finally {
            fixtures.execute("UPDATE item_stock SET aggregated = aggregated - 1 WHERE item_id = ?", item);
        }
    }

    @Test
    void shouldNameAWarehouseRowWhosePhysicalStockDoesNotMatchAvailableAndOpenOrders() {
        UUID item = fixtures.item("Audit rule 2 " + Fixtures.marker(), 4);
        UUID warehouse = fixtures.warehouse();

        fixtures.execute("UPDATE warehouse_stock SET physical = physical + 2 WHERE item_id = ? AND warehouse_id = ?",
                item, warehouse);
        try {
            assertThat(violations()).anySatisfy(violation -> {
                assertThat(violation).containsEntry("rule", 2).containsEntry("itemId", item.toString())
                        .containsEntry("warehouseId", warehouse.toString()).containsEntry("physical", 6)
                        .containsEntry("available", 4).containsEntry("openWarehouseOrders", 0);
            });
        } finally {
            fixtures.execute("UPDATE warehouse_stock SET physical = physical - 2 WHERE item_id = ? AND warehouse_id = ?",
                    item, warehouse);
        }
    }

    /**
     * CHECK constraints keep stock from going negative, so the audit's third rule can only be shown by taking a
     * constraint away for a moment: the database refuses first, then, without its constraint, the audit names it.
     */
    @Test
    void shouldRefuseANegativeNumberAndNameOneIfItEverGotIn() {
        UUID item = fixtures.item("Audit rule 3 " + Fixtures.marker(), 0);
        assertThatThrownBy(() -> fixtures.execute("UPDATE item_stock SET aggregated = -1 WHERE item_id = ?", item))
                .hasMessageContaining("check constraint");

        String constraint = fixtures.queryText("""
                SELECT conname FROM pg_constraint
                WHERE conrelid = 'item_stock'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%aggregated%'""");
        String definition = fixtures.queryText(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ? AND conrelid = 'item_stock'::regclass",
                constraint);
        fixtures.execute("ALTER TABLE item_stock DROP CONSTRAINT " + constraint);
        try {
            fixtures.execute("UPDATE item_stock SET aggregated = -1 WHERE item_id = ?", item);
            assertThat(violations()).anySatisfy(violation -> {
                assertThat(violation).containsEntry("rule", 3).containsEntry("itemId", item.toString())
                        .containsEntry("value", -1);
                assertThat((String) violation.get("detail")).contains("aggregated");
            });
        } finally {
            fixtures.execute("UPDATE item_stock SET aggregated = 0 WHERE item_id = ?", item);
            fixtures.execute("ALTER TABLE item_stock ADD CONSTRAINT " + constraint + " " + definition);
        }
        assertThatThrownBy(() -> fixtures.execute("UPDATE item_stock SET aggregated = -1 WHERE item_id = ?", item))
                .hasMessageContaining("check constraint");
    }

    @Test
    void shouldNameAnAssignedOrderWhoseWarehouseOrdersDoNotAddUpToIt() {
        UUID item = fixtures.item("Audit rule 4 " + Fixtures.marker(), 3);
        UUID customer = UUID.randomUUID();
        String orderId = Api.order(customer, Map.of(item, 2));
        String warehouseOrderId = (String) Api.awaitShipments(customer, orderId).get(0).get("warehouseOrderId");
        // The warehouse order line and the warehouse's physical stock together, so that only rule 4 breaks.
        fixtures.execute("UPDATE warehouse_order_line SET quantity = quantity + 1 WHERE warehouse_order_id = ?::uuid",
                warehouseOrderId);
        fixtures.execute("UPDATE warehouse_stock SET physical = physical + 1 WHERE item_id = ? AND warehouse_id = ?",
                item, fixtures.warehouse());
        try {
            List<Map<String, Object>> found = violations();
            assertThat(found).anySatisfy(violation -> {
                assertThat(violation).containsEntry("rule", 4).containsEntry("itemId", item.toString())
                        .containsEntry("orderId", orderId).containsEntry("ordered", 2)
                        .containsEntry("inWarehouseOrders", 3);
            });
            assertThat(found).noneSatisfy(violation -> assertThat(violation.get("rule")).isNotEqualTo(4));
        } finally {
            fixtures.execute("UPDATE warehouse_stock SET physical = physical - 1 WHERE item_id = ? AND warehouse_id = ?",
                    item, fixtures.warehouse());
            fixtures.execute("UPDATE warehouse_order_line SET quantity = quantity - 1 WHERE warehouse_order_id = ?::uuid",
                    warehouseOrderId);
        }
    }

    private static List<Map<String, Object>> violations() {
        var audit = given().auth().oauth2(Tokens.admin()).get("/api/v1/admin/stock/audit");
        audit.then().statusCode(200);
        assertThat(audit.jsonPath().getBoolean("ok")).isFalse();
        return audit.jsonPath().getList("violations");
    }
}
