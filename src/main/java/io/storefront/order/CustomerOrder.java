package io.storefront.order;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.storefront.shared.error.ApiException;
import io.storefront.shared.error.ErrorCode;

/** A customer's order. Its lines live in {@code order_line}; its shipments are warehouse orders. */
@Entity
@Table(name = "customer_order")
public class CustomerOrder extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "checkout_id")
    public UUID checkoutId;

    @Enumerated(EnumType.STRING)
    public OrderStatus status;

    @Column(name = "total_amount")
    public long totalAmount;

    public String currency;

    /** The shipping address as JSON text (a jsonb column). */
    @Column(name = "shipping_address", columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String shippingAddress;

    @Column(name = "payment_reference")
    public String paymentReference;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "next_assignment_at")
    public Instant nextAssignmentAt;

    /** What the assignment decided and why, as JSON text (a jsonb column). */
    @Column(name = "assignment_decision", columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String assignmentDecision;

    @Column(name = "assignment_attempts")
    public int assignmentAttempts;

    static CustomerOrder place(UUID customerId, UUID checkoutId, long totalAmount, String currency,
            String shippingAddress, String paymentReference, Instant now) {
        CustomerOrder order = new CustomerOrder();
        order.id = UUID.randomUUID();
        order.customerId = customerId;
        order.checkoutId = checkoutId;
        order.status = OrderStatus.PLACED;
        order.totalAmount = totalAmount;
        order.currency = currency;
        order.shippingAddress = shippingAddress;
        order.paymentReference = paymentReference;
        order.createdAt = now;
        order.updatedAt = now;
        order.nextAssignmentAt = now;
        return order;
    }

    static Optional<CustomerOrder> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** PLACED → ASSIGNED, recording the decision. */
    void assign(String decision, Instant now) {
        if (status != OrderStatus.PLACED) {
            throw new IllegalStateException("Order " + id + " is " + status + " and cannot be assigned");
        }
        status = OrderStatus.ASSIGNED;
        assignmentDecision = decision;
        assignmentAttempts++;
        nextAssignmentAt = null;
        updatedAt = now;
    }

    /** No warehouse combination can serve it now: stays PLACED, tried again at {@code retryAt}. */
    void deferAssignment(String decision, Instant retryAt, Instant now) {
        assignmentDecision = decision;
        assignmentAttempts++;
        nextAssignmentAt = retryAt;
        updatedAt = now;
    }

    /** A shipment went out: SHIPPED when every remaining shipment has, else PARTIALLY_SHIPPED. */
    void shipmentSent(boolean allShipped, Instant now) {
        if (status != OrderStatus.ASSIGNED && status != OrderStatus.PARTIALLY_SHIPPED) {
            throw new IllegalStateException("Order " + id + " is " + status + " and cannot ship");
        }
        status = allShipped ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED;
        updatedAt = now;
    }

    boolean isCancelled() {
        return status == OrderStatus.CANCELLED;
    }

    /** PLACED or ASSIGNED orders can be cancelled; once anything has shipped they cannot. */
    void cancel(Instant now) {
        if (status != OrderStatus.PLACED && status != OrderStatus.ASSIGNED) {
            throw ApiException.conflict(ErrorCode.ORDER_NOT_CANCELLABLE,
                    "Order " + id + " is " + status + " and can no longer be cancelled");
        }
        status = OrderStatus.CANCELLED;
        updatedAt = now;
    }
}
