package io.storefront.support;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.storefront.warehouse.assignment.NearestWarehouseAssigner;
import io.storefront.warehouse.assignment.WarehouseAssigner;

/**
 * The built-in assignment strategy, which a test may switch to "never split an order" (as a smart assignment
 * service might decide) to produce orders that must wait for stock.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class SwitchableAssigner implements WarehouseAssigner {

    private final NearestWarehouseAssigner nearest = new NearestWarehouseAssigner();
    private volatile boolean neverSplit;

    public void neverSplit(boolean neverSplit) {
        this.neverSplit = neverSplit;
    }

    @Override
    public Optional<Plan> plan(Request request) {
        return nearest.plan(request).filter(plan -> !neverSplit || plan.shipments().size() == 1);
    }
}
