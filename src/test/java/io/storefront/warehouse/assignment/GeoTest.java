package io.storefront.warehouse.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.storefront.shared.web.Address;
import io.storefront.warehouse.assignment.Geo.Point;

/** How far apart two places are, as "nearest" in assignment needs it: great circles, state centres, coarse steps. */
class GeoTest {

    private static final double HALF_THE_EQUATOR_KM = Math.PI * 6371.0;

    @ParameterizedTest(name = "{0} to {3}")
    @CsvSource({
            "London,   51.5074,   -0.1278, Paris,        48.8566,    2.3522,  344",
            "New York, 40.7128,  -74.0060, Los Angeles,  34.0522, -118.2437, 3936",
            "Sydney,  -33.8688,  151.2093, Auckland,    -36.8485,  174.7633, 2156" })
    void shouldMeasureKnownCityPairsWithinHalfAPercent(String from, double fromLatitude, double fromLongitude,
            String to, double toLatitude, double toLongitude, double expectedKm) {
        double km = Geo.greatCircleKm(new Point(fromLatitude, fromLongitude), new Point(toLatitude, toLongitude));

        assertThat(km).isCloseTo(expectedKm, within(expectedKm * 0.005));
    }

    @Test
    void shouldMeasureTheSameDistanceBothWays() {
        Point newYork = new Point(40.7128, -74.0060);
        Point tokyo = new Point(35.6762, 139.6503);

        assertThat(Geo.greatCircleKm(newYork, tokyo)).isCloseTo(Geo.greatCircleKm(tokyo, newYork), within(1e-9))
                .isGreaterThan(10_000);
    }

    @Test
    void shouldMeasureNothingBetweenAPlaceAndItself() {
        Point denver = new Point(39.7392, -104.9903);

        assertThat(Geo.greatCircleKm(denver, denver)).isCloseTo(0, within(1e-9));
    }

    @Test
    void shouldMeasureAcrossTheAntimeridianTheShortWay() {
        // Two degrees of the equator apart, not 358.
        assertThat(Geo.greatCircleKm(new Point(0, 179), new Point(0, -179))).isCloseTo(222.4, within(0.5));
        assertThat(Geo.greatCircleKm(new Point(65.8, -168.0), new Point(65.8, 169.0))).isLessThan(1_200);
    }

    @Test
    void shouldTreatEveryLongitudeAtAPoleAsTheSamePlace() {
        assertThat(Geo.greatCircleKm(new Point(90, 0), new Point(90, 180))).isCloseTo(0, within(1e-6));
        assertThat(Geo.greatCircleKm(new Point(-90, -45), new Point(-90, 120))).isCloseTo(0, within(1e-6));
    }

    @Test
    void shouldMeasureHalfTheEarthsCircumferenceBetweenAntipodes() {
        assertThat(Geo.greatCircleKm(new Point(90, 0), new Point(-90, 0))).isCloseTo(HALF_THE_EQUATOR_KM, within(1e-6));
        assertThat(Geo.greatCircleKm(new Point(0, 0), new Point(0, 180))).isCloseTo(HALF_THE_EQUATOR_KM, within(1e-6));
        assertThat(Geo.greatCircleKm(new Point(40.4168, -3.7038), new Point(-40.4168, 176.2962)))
                .isCloseTo(HALF_THE_EQUATOR_KM, within(1e-6));
    }

    @Test
    void shouldPlaceAnAddressAtItsCoordinatesWhenBothAreGiven() {
        Address newYork = address("US", "NY");

        assertThat(Geo.locate(newYork, 34.0522, -118.2437)).contains(new Point(34.0522, -118.2437));
        assertThat(Geo.locate(null, 51.5, -0.1)).contains(new Point(51.5, -0.1));
    }

    @Test
    void shouldPlaceAUsAddressWithoutCoordinatesAtItsStatesCentre() {
        assertThat(Geo.locate(address("US", "NY"), null, null)).contains(new Point(42.9, -75.5));
        assertThat(Geo.locate(address("US", " ca "), null, null)).contains(new Point(37.2, -119.5));
        // Half a position is no position: the address decides.
        assertThat(Geo.locate(address("US", "TX"), 10.0, null)).contains(new Point(31.5, -99.3));
        assertThat(Geo.locate(address("US", "TX"), null, 10.0)).contains(new Point(31.5, -99.3));
    }

    @Test
    void shouldNotPlaceAnAddressOutsideTheUsOrInAnUnknownState() {
        assertThat(Geo.locate(address("DE", "BY"), null, null)).isEmpty();
        assertThat(Geo.locate(address("CA", "ON"), null, null)).isEmpty();
        assertThat(Geo.locate(address("US", "New York"), null, null)).isEmpty();
        assertThat(Geo.locate(address("US", null), null, null)).isEmpty();
        assertThat(Geo.locate(null, null, null)).isEmpty();
    }

    @Test
    void shouldMeasureTheGreatCircleWhenBothPlacesArePlaced() {
        Point newark = new Point(40.73, -74.17);
        Point reno = new Point(39.53, -119.81);

        // The addresses (same region) are not consulted once both positions are known.
        assertThat(Geo.distanceKm(address("US", "NJ"), Optional.of(newark), address("US", "NJ"), Optional.of(reno)))
                .isCloseTo(Geo.greatCircleKm(newark, reno), within(1e-9));
    }

    @Test
    void shouldFallBackToCoarseStepsWhenEitherPlaceIsUnknown() {
        Optional<Point> unknown = Optional.empty();
        Optional<Point> munich = Optional.of(new Point(48.14, 11.58));

        assertThat(Geo.distanceKm(address("DE", "BY"), unknown, address("de ", " by"), unknown)).isEqualTo(50);
        assertThat(Geo.distanceKm(address("DE", "BY"), munich, address("DE", "BY"), unknown)).isEqualTo(50);
        assertThat(Geo.distanceKm(address("DE", "BY"), unknown, address("DE", "BE"), munich)).isEqualTo(2_000);
        assertThat(Geo.distanceKm(address("DE", "BY"), unknown, address("FR", "BY"), unknown)).isEqualTo(10_000);
    }

    @Test
    void shouldTreatMissingCountriesAndAddressesAsElsewhere() {
        Optional<Point> unknown = Optional.empty();

        assertThat(Geo.distanceKm(address(null, "BY"), unknown, address(null, "BY"), unknown)).isEqualTo(10_000);
        assertThat(Geo.distanceKm(null, unknown, address("DE", "BY"), unknown)).isEqualTo(10_000);
        assertThat(Geo.distanceKm(address("DE", "BY"), unknown, null, unknown)).isEqualTo(10_000);
        // Same country, but a region missing on either side is not "the same region".
        assertThat(Geo.distanceKm(address("DE", null), unknown, address("DE", null), unknown)).isEqualTo(2_000);
    }

    private static Address address(String country, String region) {
        return new Address("Somebody", "1 Main Street", null, "Somewhere", region, "00000", country);
    }
}
