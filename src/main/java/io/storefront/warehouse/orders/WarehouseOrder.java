package io.storefront.warehouse.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.storefront.shared.error.ApiException;
import io.storefront.shared.error.ErrorCode;

/** One warehouse's part of a customer order. Its lines live in {@code warehouse_order_line}. */
@Entity
@Table(name = "warehouse_order")
public class WarehouseOrder extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "order_id")
    public UUID orderId;

    @Column(name = "warehouse_id")
    public UUID warehouseId;

    @Enumerated(EnumType.STRING)
    public WarehouseOrderStatus status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static WarehouseOrder create(UUID orderId, UUID warehouseId, Instant now) {
        WarehouseOrder order = new WarehouseOrder();
        order.id = UUID.randomUUID();
        order.orderId = orderId;
        order.warehouseId = warehouseId;
        order.status = WarehouseOrderStatus.NEW;
        order.createdAt = now;
        order.updatedAt = now;
        return order;
    }

    static List<WarehouseOrder> lockAllOf(UUID orderId) {
        return find("orderId = ?1 order by id", orderId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    static WarehouseOrder lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    boolean isOpen() {
        return status == WarehouseOrderStatus.NEW || status == WarehouseOrderStatus.ACKNOWLEDGED;
    }

    /** NEW → ACKNOWLEDGED; acknowledging again changes nothing. */
    void acknowledge(Instant now) {
        if (status == WarehouseOrderStatus.ACKNOWLEDGED) {
            return;
        }
        requireOpen("acknowledged");
        status = WarehouseOrderStatus.ACKNOWLEDGED;
        updatedAt = now;
    }

    void ship(Instant now) {
        requireOpen("shipped");
        status = WarehouseOrderStatus.SHIPPED;
        updatedAt = now;
    }

    void cancel(Instant now) {
        requireOpen("cancelled");
        status = WarehouseOrderStatus.CANCELLED;
        updatedAt = now;
    }

    private void requireOpen(String action) {
        if (!isOpen()) {
            throw ApiException.conflict(status == WarehouseOrderStatus.SHIPPED ? ErrorCode.WAREHOUSE_ORDER_SHIPPED
                    : ErrorCode.WAREHOUSE_ORDER_CANCELLED,
                    "Warehouse order " + id + " is " + status + " and cannot be " + action);
        }
    }
}
