package io.storefront.warehouse.assignment;

import java.time.Clock;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.storefront.shared.db.Transactions;
import io.storefront.order.OrderFulfilment;
import io.storefront.shared.ShopConfig;

/**
 * Runs assignment every {@code shop.assignment.interval} on every replica; {@link AssignmentService} makes that
 * safe. One run assigns due orders, one transaction each, until none is left or {@code shop.assignment.max-run} has
 * passed.
 */
@ApplicationScoped
public class AssignmentWorker {

    @Inject
    AssignmentService assignments;

    @Inject
    OrderFulfilment fulfilment;

    @Inject
    ShopConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Clock clock;

    @PostConstruct
    void registerBacklogGauge() {
        Gauge.builder("shop.assignment.backlog", this,
                worker -> Transactions.reading(worker.fulfilment::waitingForAssignment))
                .description("Orders PLACED and not yet assigned to warehouses")
                .register(metrics);
        Gauge.builder("shop.assignment.lag", this,
                worker -> Transactions.reading(() -> worker.fulfilment.assignmentLag(worker.clock.instant()))
                        .toMillis() / 1000.0)
                .baseUnit("seconds")
                .description("How long the longest-overdue order has waited past its assignment time (0 when none): "
                        + "the assignment worker's lag across all replicas")
                .register(metrics);
    }

    @Scheduled(identity = "order-assignment", every = "${shop.assignment.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void assignDueOrders() {
        try {
            // Until nothing is due: a backlog drains at the speed of assignment, not one batch per tick.
            long deadline = System.nanoTime() + config.assignment().maxRun().toNanos();
            while (assignments.assignNext() != AssignmentService.Outcome.NOTHING_DUE) {
                if (System.nanoTime() - deadline > 0) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            metrics.counter("shop.assignment.failures", "reason", "error").increment();
            Log.error("Order assignment failed; the next run tries again", e);
        }
    }
}
