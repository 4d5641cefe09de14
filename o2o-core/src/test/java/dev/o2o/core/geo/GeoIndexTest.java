package dev.o2o.core.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class GeoIndexTest {

    /** Brute force: every point, haversine, ordered by distance then insertion order. */
    private static List<Integer> bruteNearest(List<GeoPoint> pts, GeoPoint q, int k) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            idx.add(i);
        }
        idx.sort(Comparator.<Integer>comparingDouble(i -> pts.get(i).distanceMetres(q)).thenComparing(i -> i));
        return idx.subList(0, Math.min(k, idx.size()));
    }

    private static List<Integer> bruteWithin(List<GeoPoint> pts, GeoPoint q, double r) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) {
            if (pts.get(i).distanceMetres(q) <= r) {
                idx.add(i);
            }
        }
        idx.sort(Comparator.<Integer>comparingDouble(i -> pts.get(i).distanceMetres(q)).thenComparing(i -> i));
        return idx;
    }

    private static List<Integer> indices(List<GeoHit<Integer>> hits) {
        return hits.stream().map(GeoHit::item).toList();
    }

    private static void checkAgainstBruteForce(Supplier<GeoPoint> gen, int n, int queries, double[] radii) {
        List<GeoPoint> pts = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pts.add(gen.get());
            ids.add(i);
        }
        GeoIndex<Integer> index = GeoIndex.of(ids, pts::get);
        for (int q = 0; q < queries; q++) {
            GeoPoint p = gen.get();
            for (int k : new int[] {1, 3, 17}) {
                List<GeoHit<Integer>> hits = index.nearest(p, k);
                assertEquals(bruteNearest(pts, p, k), indices(hits), "nearest " + k + " of " + p);
                for (GeoHit<Integer> h : hits) {
                    assertEquals(pts.get(h.item()).distanceMetres(p), h.distanceMetres());
                }
            }
            for (double r : radii) {
                assertEquals(bruteWithin(pts, p, r), indices(index.within(p, r)), "within " + r + " of " + p);
            }
        }
    }

    @Test
    void randomPointsOverTheGlobeMatchBruteForce() {
        SplittableRandom rnd = new SplittableRandom(17);
        // uniform on the sphere: latitude from asin of a uniform sine
        Supplier<GeoPoint> gen = () -> GeoPoint.of(Math.toDegrees(Math.asin(rnd.nextDouble(-1, 1))), rnd.nextDouble(-180, 180));
        checkAgainstBruteForce(gen, 3_000, 60, new double[] {1_000, 500_000, 3_000_000, 25_000_000});
    }

    @Test
    void clusteredCityStoresMatchBruteForce() {
        SplittableRandom rnd = new SplittableRandom(5);
        Supplier<GeoPoint> gen = () -> GeoPoint.of(31.2 + rnd.nextDouble(-0.3, 0.3), 121.5 + rnd.nextDouble(-0.3, 0.3));
        checkAgainstBruteForce(gen, 2_000, 80, new double[] {200, 1_000, 5_000, 20_000});
    }

    @Test
    void acrossTheAntimeridianMatchesBruteForce() {
        SplittableRandom rnd = new SplittableRandom(7);
        Supplier<GeoPoint> gen = () -> {
            double lon = rnd.nextDouble(-0.5, 0.5);
            double l = lon < 0 ? 180 + lon : -180 + lon;
            // exactly on the line now and then, from both sides
            if (rnd.nextInt(20) == 0) {
                l = rnd.nextBoolean() ? 180 : -180;
            }
            return GeoPoint.of(rnd.nextDouble(-60, 60), l);
        };
        checkAgainstBruteForce(gen, 2_000, 80, new double[] {5_000, 30_000, 200_000});
    }

    @Test
    void antimeridianNeighboursAreFoundAcrossTheLine() {
        List<Store> stores = List.of(
                new Store("east", "East", GeoPoint.of(0, 179.99)),
                new Store("west", "West", GeoPoint.of(0, -179.99)),
                new Store("far", "Far", GeoPoint.of(0, 170)));
        StoreLocator locator = StoreLocator.of(stores);
        // 0.02 degrees of longitude at the equator is about 2,224 m
        List<GeoHit<Store>> hits = locator.within(GeoPoint.of(0, -179.995), 5_000);
        assertEquals(List.of("west", "east"), hits.stream().map(h -> h.item().id()).toList());
        assertEquals(GeoPoint.of(0, 179.99).distanceMetres(GeoPoint.of(0, -179.995)), hits.get(1).distanceMetres());
        assertEquals(1667.9, hits.get(1).distanceMetres(), 1.0);
    }

    @Test
    void nearThePolesMatchesBruteForce() {
        SplittableRandom rnd = new SplittableRandom(11);
        Supplier<GeoPoint> gen = () -> {
            double lat = rnd.nextBoolean() ? 90 - rnd.nextDouble(0, 1) : -90 + rnd.nextDouble(0, 1);
            if (rnd.nextInt(25) == 0) {
                lat = rnd.nextBoolean() ? 90 : -90;
            }
            return GeoPoint.of(lat, rnd.nextDouble(-180, 180));
        };
        checkAgainstBruteForce(gen, 2_000, 80, new double[] {1_000, 20_000, 120_000, 20_100_000});
    }

    @Test
    void theNorthPoleIsOneKilometreFromEveryPointAtThatDistanceWhateverTheLongitude() {
        Map<CustomerKey, GeoPoint> positions = new LinkedHashMap<>();
        double lat = 90 - Math.toDegrees(1_000 / GeoPoint.EARTH_RADIUS_METRES);
        for (int i = 0; i < 36; i++) {
            positions.put(CustomerKey.of("c" + i), GeoPoint.of(lat, -180 + 10 * i));
        }
        positions.put(CustomerKey.of("south"), GeoPoint.of(-90, 0));
        KnownPositions known = KnownPositions.of(positions);
        Store pole = new Store("pole", "Pole", GeoPoint.of(90, 45));
        assertEquals(36, known.near(pole, 1_001).size());
        assertEquals(0, known.near(pole, 999).size());
        assertEquals(37, known.near(pole, 20_100_000).size());
    }

    @Test
    void duplicatePointsAreReturnedInInsertionOrder() {
        List<GeoPoint> pts = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            pts.add(GeoPoint.of(10, 20));
            ids.add(i);
        }
        GeoIndex<Integer> index = GeoIndex.of(ids, pts::get);
        assertEquals(List.of(0, 1, 2), indices(index.nearest(GeoPoint.of(10.001, 20), 3)));
        assertEquals(ids, indices(index.within(GeoPoint.of(10, 20), 1)));
    }

    @Test
    void customersNearAStoreMatchBruteForce() {
        SplittableRandom rnd = new SplittableRandom(3);
        Map<CustomerKey, GeoPoint> positions = new LinkedHashMap<>();
        for (int i = 0; i < 5_000; i++) {
            positions.put(CustomerKey.of("c" + i), GeoPoint.of(31.2 + rnd.nextDouble(-0.2, 0.2), 121.5 + rnd.nextDouble(-0.2, 0.2)));
        }
        KnownPositions known = KnownPositions.of(positions);
        Store store = new Store("s1", "People's Square", GeoPoint.of(31.23, 121.47));
        List<String> expected = positions.entrySet().stream()
                .filter(e -> e.getValue().distanceMetres(store.location()) <= 5_000)
                .sorted(Comparator.comparingDouble(e -> e.getValue().distanceMetres(store.location())))
                .map(e -> e.getKey().value()).toList();
        List<String> actual = known.near(store, 5_000).stream().map(h -> h.item().value()).toList();
        assertEquals(expected, actual);
        assertTrue(actual.size() > 100, "enough customers in range to mean something: " + actual.size());
    }

    @Test
    void emptyIndexFindsNothing() {
        StoreLocator locator = StoreLocator.of(List.of());
        assertTrue(locator.nearest(GeoPoint.of(0, 0)).isEmpty());
        assertTrue(locator.within(GeoPoint.of(0, 0), 1_000).isEmpty());
    }

    @Test
    void badInputIsRefusedWithTheFieldAndValue() {
        StoreLocator locator = StoreLocator.of(List.of(new Store("a", "A", GeoPoint.of(1, 1))));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> locator.within(GeoPoint.of(0, 0), 0));
        assertEquals("radiusMetres must be a positive finite number of metres: 0.0", zero.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> locator.within(GeoPoint.of(0, 0), -5));
        assertEquals("radiusMetres must be a positive finite number of metres: -5.0", neg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> locator.within(GeoPoint.of(0, 0), Double.NaN));
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> locator.nearest(GeoPoint.of(0, 0), 0));
        assertEquals("k must be >= 1: 0", k.getMessage());
        IllegalArgumentException lat = assertThrows(IllegalArgumentException.class, () -> GeoPoint.of(90.5, 0));
        assertEquals("latitude must be within -90..90 degrees: 90.5", lat.getMessage());
        IllegalArgumentException lon = assertThrows(IllegalArgumentException.class, () -> GeoPoint.of(0, -180.25));
        assertEquals("longitude must be within -180..180 degrees: -180.25", lon.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> StoreLocator.of(List.of(new Store("a", "A", GeoPoint.of(1, 1)), new Store("a", "B", GeoPoint.of(2, 2)))));
        assertEquals("duplicate store id: 'a'", dup.getMessage());
    }
}
