package io.storefront.warehouse.assignment;

import java.util.Map;
import java.util.Optional;

import io.storefront.shared.web.Address;

/**
 * How far apart two places are, as "nearest" needs it. Coordinates are used when known (great-circle distance).
 * Without them, a US address is placed at its state's geographic centre; anything else falls back to coarse
 * steps: same region 50 km, same country 2,000 km, elsewhere 10,000 km.
 */
final class Geo {

    record Point(double latitude, double longitude) {
    }

    private static final double EARTH_RADIUS_KM = 6371.0;

    private static final Map<String, Point> US_STATES = Map.ofEntries(
            Map.entry("AL", new Point(32.8, -86.8)), Map.entry("AK", new Point(64.7, -152.0)),
            Map.entry("AZ", new Point(34.3, -111.7)), Map.entry("AR", new Point(34.9, -92.4)),
            Map.entry("CA", new Point(37.2, -119.5)), Map.entry("CO", new Point(39.0, -105.5)),
            Map.entry("CT", new Point(41.6, -72.7)), Map.entry("DE", new Point(39.0, -75.5)),
            Map.entry("DC", new Point(38.9, -77.0)), Map.entry("FL", new Point(28.6, -82.4)),
            Map.entry("GA", new Point(32.7, -83.4)), Map.entry("HI", new Point(20.3, -156.4)),
            Map.entry("ID", new Point(44.4, -114.6)), Map.entry("IL", new Point(40.0, -89.2)),
            Map.entry("IN", new Point(39.9, -86.3)), Map.entry("IA", new Point(42.1, -93.5)),
            Map.entry("KS", new Point(38.5, -98.4)), Map.entry("KY", new Point(37.5, -85.3)),
            Map.entry("LA", new Point(31.1, -92.0)), Map.entry("ME", new Point(45.4, -69.2)),
            Map.entry("MD", new Point(39.1, -76.8)), Map.entry("MA", new Point(42.3, -71.8)),
            Map.entry("MI", new Point(44.3, -85.4)), Map.entry("MN", new Point(46.3, -94.3)),
            Map.entry("MS", new Point(32.7, -89.7)), Map.entry("MO", new Point(38.4, -92.5)),
            Map.entry("MT", new Point(47.0, -109.6)), Map.entry("NE", new Point(41.5, -99.8)),
            Map.entry("NV", new Point(39.3, -116.6)), Map.entry("NH", new Point(43.7, -71.6)),
            Map.entry("NJ", new Point(40.2, -74.7)), Map.entry("NM", new Point(34.4, -106.1)),
            Map.entry("NY", new Point(42.9, -75.5)), Map.entry("NC", new Point(35.6, -79.4)),
            Map.entry("ND", new Point(47.5, -100.5)), Map.entry("OH", new Point(40.3, -82.8)),
            Map.entry("OK", new Point(35.6, -97.5)), Map.entry("OR", new Point(43.9, -120.6)),
            Map.entry("PA", new Point(40.9, -77.8)), Map.entry("RI", new Point(41.7, -71.5)),
            Map.entry("SC", new Point(33.9, -80.9)), Map.entry("SD", new Point(44.4, -100.2)),
            Map.entry("TN", new Point(35.9, -86.4)), Map.entry("TX", new Point(31.5, -99.3)),
            Map.entry("UT", new Point(39.3, -111.7)), Map.entry("VT", new Point(44.1, -72.7)),
            Map.entry("VA", new Point(37.5, -78.9)), Map.entry("WA", new Point(47.4, -120.5)),
            Map.entry("WV", new Point(38.6, -80.6)), Map.entry("WI", new Point(44.6, -89.9)),
            Map.entry("WY", new Point(43.0, -107.6)), Map.entry("PR", new Point(18.2, -66.5)));

    private Geo() {
    }

    static Optional<Point> locate(Address address, Double latitude, Double longitude) {
        if (latitude != null && longitude != null) {
            return Optional.of(new Point(latitude, longitude));
        }
        if (address != null && "US".equals(address.country()) && address.region() != null) {
            return Optional.ofNullable(US_STATES.get(address.region().strip().toUpperCase()));
        }
        return Optional.empty();
    }

    static double distanceKm(Address from, Optional<Point> fromPoint, Address to, Optional<Point> toPoint) {
        if (fromPoint.isPresent() && toPoint.isPresent()) {
            return greatCircleKm(fromPoint.get(), toPoint.get());
        }
        if (from != null && to != null && equal(from.country(), to.country())) {
            return equal(from.region(), to.region()) ? 50 : 2000;
        }
        return 10_000;
    }

    static double greatCircleKm(Point a, Point b) {
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(a.latitude()))
                * Math.cos(Math.toRadians(b.latitude())) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    private static boolean equal(String a, String b) {
        return a != null && b != null && a.strip().equalsIgnoreCase(b.strip());
    }
}
