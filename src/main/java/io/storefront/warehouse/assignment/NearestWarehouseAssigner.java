package io.storefront.warehouse.assignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/**
 * The built-in assignment strategy: the nearest single warehouse that can serve the whole order; otherwise the
 * fewest warehouses that can, and among equally few the set nearest in total, each item taken from the nearest
 * warehouse of the set first. Sets of up to {@value #MAX_EXACT_SET} warehouses are searched exhaustively among the
 * {@value #MAX_CANDIDATES} nearest candidates; beyond that, warehouses are added nearest first until the order is
 * covered. Distances are judged as {@link Geo} describes.
 */
@ApplicationScoped
@DefaultBean
public class NearestWarehouseAssigner implements WarehouseAssigner {

    static final int MAX_EXACT_SET = 3;
    static final int MAX_CANDIDATES = 12;

    @Override
    public Optional<Plan> plan(Request request) {
        Optional<Geo.Point> destination = Geo.locate(request.shippingAddress(), null, null);
        Map<UUID, Double> distance = new HashMap<>();
        for (Candidate candidate : request.candidates()) {
            distance.put(candidate.warehouseId(), Geo.distanceKm(request.shippingAddress(), destination,
                    candidate.address(), Geo.locate(candidate.address(), candidate.latitude(), candidate.longitude())));
        }
        List<Candidate> nearestFirst = request.candidates().stream()
                .sorted(Comparator.comparing((Candidate c) -> distance.get(c.warehouseId()))
                        .thenComparing(Candidate::warehouseId))
                .toList();
        Map<String, Object> explanation = new LinkedHashMap<>();
        nearestFirst.forEach(c -> explanation.put(c.warehouseId().toString(),
                Math.round(distance.get(c.warehouseId())) + " km"));

        if (!covers(nearestFirst, request.lines())) {
            return Optional.empty();
        }
        for (Candidate candidate : nearestFirst) {
            if (covers(List.of(candidate), request.lines())) {
                return Optional.of(plan(List.of(candidate), request.lines(), "nearest-single-warehouse", explanation));
            }
        }
        List<Candidate> pool = nearestFirst.subList(0, Math.min(MAX_CANDIDATES, nearestFirst.size()));
        for (int size = 2; size <= Math.min(MAX_EXACT_SET, pool.size()); size++) {
            List<Candidate> best = null;
            double bestDistance = Double.MAX_VALUE;
            for (List<Candidate> set : subsets(pool, size)) {
                double total = set.stream().mapToDouble(c -> distance.get(c.warehouseId())).sum();
                if (total < bestDistance && covers(set, request.lines())) {
                    best = set;
                    bestDistance = total;
                }
            }
            if (best != null) {
                return Optional.of(plan(best, request.lines(), "fewest-warehouses-nearest-first", explanation));
            }
        }
        List<Candidate> growing = new ArrayList<>();
        for (Candidate candidate : nearestFirst) {
            growing.add(candidate);
            if (covers(growing, request.lines())) {
                return Optional.of(plan(growing, request.lines(), "nearest-first-until-covered", explanation));
            }
        }
        return Optional.empty();
    }

    private static boolean covers(List<Candidate> set, Map<UUID, Integer> lines) {
        return lines.entrySet().stream().allMatch(line -> set.stream()
                .mapToInt(c -> c.available().getOrDefault(line.getKey(), 0)).sum() >= line.getValue());
    }

    /** Takes each item from the set's nearest warehouse first ({@code set} is in nearest-first order). */
    private static Plan plan(List<Candidate> set, Map<UUID, Integer> lines, String rule,
            Map<String, Object> explanation) {
        Map<UUID, Map<UUID, Integer>> byWarehouse = new LinkedHashMap<>();
        lines.forEach((item, quantity) -> {
            int remaining = quantity;
            for (Candidate candidate : set) {
                int take = Math.min(remaining, candidate.available().getOrDefault(item, 0));
                if (take > 0) {
                    byWarehouse.computeIfAbsent(candidate.warehouseId(), id -> new LinkedHashMap<>()).put(item, take);
                    remaining -= take;
                }
                if (remaining == 0) {
                    break;
                }
            }
        });
        List<Shipment> shipments = new ArrayList<>();
        byWarehouse.forEach((warehouse, shipmentLines) -> shipments.add(new Shipment(warehouse, shipmentLines)));
        return new Plan(shipments, rule, explanation);
    }

    private static List<List<Candidate>> subsets(List<Candidate> pool, int size) {
        List<List<Candidate>> subsets = new ArrayList<>();
        collect(pool, size, 0, new ArrayList<>(), subsets);
        return subsets;
    }

    private static void collect(List<Candidate> pool, int size, int from, List<Candidate> current,
            List<List<Candidate>> out) {
        if (current.size() == size) {
            out.add(List.copyOf(current));
            return;
        }
        for (int i = from; i < pool.size(); i++) {
            current.add(pool.get(i));
            collect(pool, size, i + 1, current, out);
            current.remove(current.size() - 1);
        }
    }
}
