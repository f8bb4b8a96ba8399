package io.storefront.warehouse.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.storefront.shared.web.Address;
import io.storefront.warehouse.assignment.WarehouseAssigner.Candidate;
import io.storefront.warehouse.assignment.WarehouseAssigner.Plan;
import io.storefront.warehouse.assignment.WarehouseAssigner.Request;
import io.storefront.warehouse.assignment.WarehouseAssigner.Shipment;

/**
 * The built-in assignment strategy of docs/WAREHOUSES.md: the nearest single warehouse that holds everything, else the
 * fewest warehouses (least total distance among equally few), each item from the set's nearest warehouse first.
 * Orders ship to New York, which is placed at its state's centre; warehouses stand a given number of km due north.
 */
class NearestWarehouseAssignerTest {

    private static final Address NEW_YORK = address("US", "NY");
    private static final Geo.Point NEW_YORK_CENTRE = new Geo.Point(42.9, -75.5);
    private static final double KM_PER_DEGREE = Math.PI * 6371.0 / 180;

    private static final UUID A = new UUID(0xA, 1);
    private static final UUID B = new UUID(0xB, 1);
    private static final UUID C = new UUID(0xC, 1);
    private static final UUID D = new UUID(0xD, 1);

    private final NearestWarehouseAssigner assigner = new NearestWarehouseAssigner();

    @Test
    void shouldShipFromTheNearestWarehouseThatHoldsTheWholeOrder() {
        Candidate nearButShort = north(1, 5, Map.of(A, 2, B, 1));
        Candidate whole = north(2, 20, Map.of(A, 3, B, 1));
        Candidate fartherWhole = north(3, 50, Map.of(A, 9, B, 9));

        Plan plan = plan(Map.of(A, 3, B, 1), fartherWhole, nearButShort, whole).orElseThrow();

        assertThat(plan.rule()).isEqualTo("nearest-single-warehouse");
        assertThat(shipped(plan)).isEqualTo(Map.of(whole.warehouseId(), Map.of(A, 3, B, 1)));
    }

    @Test
    void shouldPreferOneFarWarehouseToSplittingBetweenNearerOnes() {
        Candidate holdsA = north(1, 5, Map.of(A, 1));
        Candidate holdsB = north(2, 10, Map.of(B, 1));
        Candidate holdsBoth = north(3, 900, Map.of(A, 1, B, 1));

        Plan plan = plan(Map.of(A, 1, B, 1), holdsA, holdsB, holdsBoth).orElseThrow();

        assertThat(shipped(plan)).isEqualTo(Map.of(holdsBoth.warehouseId(), Map.of(A, 1, B, 1)));
    }

    @Test
    void shouldSplitAcrossTwoFarWarehousesRatherThanThreeNearOnes() {
        Candidate holdsA = north(1, 10, Map.of(A, 1));
        Candidate holdsB = north(2, 20, Map.of(B, 1));
        Candidate holdsC = north(3, 30, Map.of(C, 1));
        Candidate holdsAAndB = north(4, 1000, Map.of(A, 1, B, 1));

        Plan plan = plan(Map.of(A, 1, B, 1, C, 1), holdsA, holdsB, holdsC, holdsAAndB).orElseThrow();

        assertThat(plan.rule()).isEqualTo("fewest-warehouses-nearest-first");
        assertThat(shipped(plan)).isEqualTo(Map.of(
                holdsC.warehouseId(), Map.of(C, 1),
                holdsAAndB.warehouseId(), Map.of(A, 1, B, 1)));
    }

    @Test
    void shouldChooseThePairWithTheLeastTotalDistance() {
        Candidate nearestPartA = north(1, 10, Map.of(A, 1));
        Candidate allOfA = north(2, 20, Map.of(A, 2));
        Candidate onlyB = north(3, 30, Map.of(B, 1));
        Candidate partAndB = north(4, 45, Map.of(A, 1, B, 1));

        Plan plan = plan(Map.of(A, 2, B, 1), partAndB, onlyB, allOfA, nearestPartA).orElseThrow();

        // {nearestPartA, partAndB} also covers the order, but is 55 km in total against 50.
        assertThat(shipped(plan)).isEqualTo(Map.of(allOfA.warehouseId(), Map.of(A, 2), onlyB.warehouseId(),
                Map.of(B, 1)));
    }

    @Test
    void shouldTakeEachItemFromTheNearestWarehouseOfTheSetFirstSplittingALineIfNeeded() {
        Candidate near = north(1, 10, Map.of(A, 3, C, 5));
        Candidate far = north(2, 20, Map.of(A, 4, B, 1, C, 5));

        Plan plan = plan(Map.of(A, 5, B, 1, C, 2), near, far).orElseThrow();

        assertThat(plan.rule()).isEqualTo("fewest-warehouses-nearest-first");
        assertThat(shipped(plan)).isEqualTo(Map.of(
                near.warehouseId(), Map.of(A, 3, C, 2),
                far.warehouseId(), Map.of(A, 2, B, 1)));
    }

    @Test
    void shouldAddWarehousesNearestFirstWhenMoreThanThreeAreNeeded() {
        Candidate nearestA = north(1, 5, Map.of(A, 1));
        Candidate alsoA = north(2, 10, Map.of(A, 1));
        Candidate holdsB = north(3, 20, Map.of(B, 1));
        Candidate holdsC = north(4, 30, Map.of(C, 1));
        Candidate holdsD = north(5, 40, Map.of(D, 1));
        Candidate farthestD = north(6, 500, Map.of(D, 1));

        Plan plan = plan(Map.of(A, 1, B, 1, C, 1, D, 1), farthestD, holdsD, holdsC, holdsB, alsoA, nearestA)
                .orElseThrow();

        assertThat(plan.rule()).isEqualTo("nearest-first-until-covered");
        // A warehouse added on the way that turns out to contribute nothing gets no warehouse order.
        assertThat(shipped(plan)).isEqualTo(Map.of(
                nearestA.warehouseId(), Map.of(A, 1),
                holdsB.warehouseId(), Map.of(B, 1),
                holdsC.warehouseId(), Map.of(C, 1),
                holdsD.warehouseId(), Map.of(D, 1)));
    }

    @Test
    void shouldSearchOnlyTheTwelveNearestCandidatesForTheFewestWarehouses() {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 1; i <= NearestWarehouseAssigner.MAX_CANDIDATES; i++) {
            candidates.add(north(i, 10 * i, Map.of(A, 1)));
        }
        Candidate onlyB = north(13, 200, Map.of(B, 1));
        Candidate onlyC = north(14, 300, Map.of(C, 1));
        Candidate bothBAndC = north(15, 400, Map.of(B, 1, C, 1));
        candidates.addAll(List.of(onlyB, onlyC, bothBAndC));

        Plan plan = assigner.plan(request(Map.of(A, 1, B, 1, C, 1), candidates)).orElseThrow();

        // {nearest A, bothBAndC} would be two warehouses, but bothBAndC is not among the 12 nearest: the bound wins.
        assertThat(plan.rule()).isEqualTo("nearest-first-until-covered");
        assertThat(shipped(plan)).isEqualTo(Map.of(
                candidates.get(0).warehouseId(), Map.of(A, 1),
                onlyB.warehouseId(), Map.of(B, 1),
                onlyC.warehouseId(), Map.of(C, 1)));
    }

    @Test
    void shouldPlanNothingWhenAllWarehousesTogetherHoldTooLittle() {
        assertThat(plan(Map.of(A, 5), north(1, 10, Map.of(A, 2)), north(2, 20, Map.of(A, 2)))).isEmpty();
        assertThat(plan(Map.of(A, 1, B, 1), north(1, 10, Map.of(A, 9)), north(2, 20, Map.of(A, 9)))).isEmpty();
        assertThat(plan(Map.of(A, 1))).isEmpty();
    }

    @Test
    void shouldBreakADistanceTieByWarehouseIdWhateverTheCandidateOrder() {
        Candidate second = north(2, 10, Map.of(A, 1));
        Candidate first = north(1, 10, Map.of(A, 1));

        assertThat(shipped(plan(Map.of(A, 1), second, first).orElseThrow())).containsOnlyKeys(first.warehouseId());
        assertThat(shipped(plan(Map.of(A, 1), first, second).orElseThrow())).containsOnlyKeys(first.warehouseId());
    }

    @Test
    void shouldPlaceAddressesWithoutCoordinatesAtTheirStatesCentre() {
        Address california = address("US", "CA");
        Candidate portlandWithCoordinates = new Candidate(new UUID(0, 1), address("US", "OR"), 45.52, -122.68,
                Map.of(A, 1));
        Candidate nevadaWithout = new Candidate(new UUID(0, 2), address("US", "NV"), null, null, Map.of(A, 1));

        Plan plan = assigner.plan(new Request(UUID.randomUUID(), Map.of(A, 1), california,
                List.of(portlandWithCoordinates, nevadaWithout))).orElseThrow();

        // California's centre is about 344 km from Nevada's and 962 km from Portland; as coarse steps both are 2,000.
        assertThat(shipped(plan)).containsOnlyKeys(nevadaWithout.warehouseId());
        assertThat(plan.explanation()).containsExactly(
                entry(nevadaWithout.warehouseId().toString(), "344 km"),
                entry(portlandWithCoordinates.warehouseId().toString(), "962 km"));
    }

    @Test
    void shouldJudgeByCoarseStepsWhenTheShippingAddressCannotBePlaced() {
        Address munich = address("DE", "BY");
        Candidate paris = new Candidate(new UUID(0, 1), address("FR", "IDF"), 48.86, 2.35, Map.of(A, 1));
        Candidate berlin = new Candidate(new UUID(0, 2), address("DE", "BE"), 52.52, 13.40, Map.of(A, 1));
        Candidate bavaria = new Candidate(new UUID(0, 3), address("DE", "BY"), null, null, Map.of(A, 1));

        Plan plan = assigner.plan(new Request(UUID.randomUUID(), Map.of(A, 1), munich, List.of(paris, berlin, bavaria)))
                .orElseThrow();

        assertThat(shipped(plan)).containsOnlyKeys(bavaria.warehouseId());
        assertThat(plan.explanation()).containsExactly(
                entry(bavaria.warehouseId().toString(), "50 km"),
                entry(berlin.warehouseId().toString(), "2000 km"),
                entry(paris.warehouseId().toString(), "10000 km"));
    }

    /**
     * Over many random orders and warehouse stocks: a plan exists exactly when the warehouses together hold the order;
     * it ships exactly the ordered quantities, never more than a warehouse holds, and from one warehouse exactly
     * when one could serve it all.
     */
    @Test
    void shouldShipExactlyTheOrderFromStockThatIsThereInEveryRandomCase() {
        Random random = new Random(20261128);
        List<UUID> items = List.of(A, B, C, D);
        for (int run = 0; run < 2_000; run++) {
            Map<UUID, Integer> lines = new LinkedHashMap<>();
            items.stream().filter(item -> random.nextInt(3) > 0)
                    .forEach(item -> lines.put(item, 1 + random.nextInt(6)));
            if (lines.isEmpty()) {
                lines.put(A, 1 + random.nextInt(6));
            }
            List<Candidate> candidates = new ArrayList<>();
            StringBuilder described = new StringBuilder("run " + run + ", lines " + lines + ", warehouses:");
            int warehouses = random.nextInt(16);
            for (int w = 1; w <= warehouses; w++) {
                Map<UUID, Integer> available = new HashMap<>();
                items.stream().filter(item -> random.nextBoolean()).forEach(item -> available.put(item,
                        1 + random.nextInt(5)));
                int km = 1 + random.nextInt(3_000);
                candidates.add(north(w, km, available));
                described.append(" #").append(w).append(" at ").append(km).append(" km ").append(available);
            }
            String scenario = described.toString();

            Optional<Plan> plan = assigner.plan(request(lines, candidates));

            assertThat(plan.isPresent()).as(scenario).isEqualTo(holds(candidates, lines));
            if (plan.isEmpty()) {
                continue;
            }
            Map<UUID, Integer> total = new HashMap<>();
            Map<UUID, Candidate> byId = new HashMap<>();
            candidates.forEach(candidate -> byId.put(candidate.warehouseId(), candidate));
            for (Shipment shipment : plan.get().shipments()) {
                assertThat(shipment.lines()).as(scenario).isNotEmpty();
                shipment.lines().forEach((item, quantity) -> {
                    assertThat(quantity).as(scenario).isPositive()
                            .isLessThanOrEqualTo(byId.get(shipment.warehouseId()).available().getOrDefault(item, 0));
                    total.merge(item, quantity, Integer::sum);
                });
            }
            assertThat(total).as(scenario).isEqualTo(lines);
            assertThat(plan.get().shipments()).as(scenario).extracting(Shipment::warehouseId)
                    .doesNotHaveDuplicates();
            boolean oneCould = candidates.stream().anyMatch(candidate -> holds(List.of(candidate), lines));
            assertThat(plan.get().shipments().size() == 1).as(scenario).isEqualTo(oneCould);
        }
    }

    private Optional<Plan> plan(Map<UUID, Integer> lines, Candidate... candidates) {
        return assigner.plan(request(lines, List.of(candidates)));
    }

    private static Request request(Map<UUID, Integer> lines, List<Candidate> candidates) {
        return new Request(UUID.randomUUID(), lines, NEW_YORK, candidates);
    }

    /** A warehouse with a small numeric id, {@code km} due north of New York's centre. */
    private static Candidate north(int id, double km, Map<UUID, Integer> available) {
        return new Candidate(new UUID(0, id), address("US", "NY"), NEW_YORK_CENTRE.latitude() + km / KM_PER_DEGREE,
                NEW_YORK_CENTRE.longitude(), available);
    }

    private static boolean holds(List<Candidate> candidates, Map<UUID, Integer> lines) {
        return lines.entrySet().stream().allMatch(line -> candidates.stream()
                .mapToInt(candidate -> candidate.available().getOrDefault(line.getKey(), 0)).sum() >= line.getValue());
    }

    private static Map<UUID, Map<UUID, Integer>> shipped(Plan plan) {
        Map<UUID, Map<UUID, Integer>> shipped = new HashMap<>();
        plan.shipments().forEach(shipment -> shipped.put(shipment.warehouseId(), shipment.lines()));
        assertThat(shipped).as("one shipment per warehouse").hasSameSizeAs(plan.shipments());
        return shipped;
    }

    private static Address address(String country, String region) {
        return new Address("Warehouse", "1 Dock Road", null, "Somewhere", region, "00000", country);
    }
}
