package io.storefront.support;

import java.util.Optional;
import java.util.function.Consumer;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.storefront.warehouse.assignment.NearestWarehouseAssigner;
import io.storefront.warehouse.assignment.WarehouseAssigner;

/**
 * The built-in assignment strategy, which a test may switch to "never split an order" (as a smart assignment
 * service might decide) to produce orders that must wait for stock, or interrupt between planning and applying.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class SwitchableAssigner implements WarehouseAssigner {

    private final NearestWarehouseAssigner nearest = new NearestWarehouseAssigner();
    private volatile boolean neverSplit;
    private volatile Consumer<Request> afterPlanning = request -> {
    };

    public void neverSplit(boolean neverSplit) {
        this.neverSplit = neverSplit;
    }

    /**
     * Runs the hook after each plan is made and before assignment applies it: a test moves stock there to make the
     * plan stale. {@link #reset()} removes it.
     */
    public void afterPlanning(Consumer<Request> hook) {
        this.afterPlanning = hook;
    }

    public void reset() {
        neverSplit = false;
        afterPlanning = request -> {
        };
    }

    @Override
    public Optional<Plan> plan(Request request) {
        Optional<Plan> plan = nearest.plan(request).filter(it -> !neverSplit || it.shipments().size() == 1);
        afterPlanning.accept(request);
        return plan;
    }
}
