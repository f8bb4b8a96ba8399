package io.storefront.warehouse.assignment;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.storefront.shared.web.Address;

/**
 * Decides which warehouses ship an order. The seed treats this as a separate smart service: this interface is its
 * seam. {@link NearestWarehouseAssigner} is the built-in strategy; another (a remote service, say) plugs in by
 * providing a bean of this type. It is called while only the order row is locked, never stock rows, and its plan is
 * applied with conditional decrements, so a plan that no longer fits is simply made again.
 */
public interface WarehouseAssigner {

    /** @return a plan covering every line, or empty if no combination of warehouses can serve the order now */
    Optional<Plan> plan(Request request);

    /** The order to place and, per warehouse holding any of its items, that warehouse's available stock of them. */
    record Request(UUID orderId, Map<UUID, Integer> lines, Address shippingAddress, List<Candidate> candidates) {
    }

    record Candidate(UUID warehouseId, Address address, Double latitude, Double longitude,
            Map<UUID, Integer> available) {
    }

    /**
     * @param rule        the rule that produced the plan, recorded with the order
     * @param explanation how the rule saw the candidates (for example their distances), recorded too
     */
    record Plan(List<Shipment> shipments, String rule, Map<String, Object> explanation) {
    }

    @RegisterForReflection
    record Shipment(UUID warehouseId, Map<UUID, Integer> lines) {
    }
}
