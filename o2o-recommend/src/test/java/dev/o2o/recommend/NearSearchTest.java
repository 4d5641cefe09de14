package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.o2o.core.GeoPoint;
import dev.o2o.core.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * iALS's search near a position visits the stores' lists in bands of decreasing bound
 * ({@link NormBounds}): here on a dense availability (each item at up to 8 of 60 stores, some
 * stores at the same place, so equal distances and equal bounds occur) against the plain path's
 * candidates ({@link Availability#nearby}: each item once, at its nearest store), every item
 * scored and sorted. Lists must be identical, scores and distances to the bit.
 */
class NearSearchTest {

    @Test
    void bandedSearchEqualsScoringEveryCandidateOnADenseAvailability() {
        SplittableRandom r = new SplittableRandom(23);
        Interactions.Builder b = Interactions.builder();
        int items = 900;
        for (int c = 0; c < 500; c++) {
            int n = 2 + r.nextInt(20);
            for (int k = 0; k < n; k++) {
                double u = r.nextDouble();
                b.add("c" + c, "i" + (int) (items * u * u), 1 + r.nextInt(3));
            }
        }
        Interactions data = b.build();
        Availability.Builder a = Availability.builder();
        List<GeoPoint> places = new ArrayList<>();
        for (int s = 0; s < 60; s++) {
            // every fifth store shares the place of the one before it
            GeoPoint at = s % 5 == 4 ? places.get(s - 1)
                    : GeoPoint.of(31.23 + (r.nextDouble() - 0.5) * 0.1, 121.47 + (r.nextDouble() - 0.5) * 0.1);
            places.add(at);
            a.store(new Store("s" + s, "store " + s, at));
        }
        for (int i = 0; i < data.itemCount(); i++) {
            int copies = r.nextInt(9);
            for (int k = 0; k < copies; k++) {
                a.offers("s" + r.nextInt(60), data.itemId(i));
            }
        }
        Availability availability = a.build();
        AbstractModel m = (AbstractModel) Recommender.als(12, 10, 0.1, 4, 3L).fit(data);
        for (int t = 0; t < 300; t++) {
            GeoPoint at = t % 7 == 0 ? places.get(r.nextInt(places.size()))
                    : GeoPoint.of(31.23 + (r.nextDouble() - 0.5) * 0.1, 121.47 + (r.nextDouble() - 0.5) * 0.1);
            double half = t % 4 == 0 ? Double.POSITIVE_INFINITY : 100 + r.nextDouble() * 3_000;
            int modulus = 2 + r.nextInt(5);
            Query q = Query.top(1 + r.nextInt(30))
                    .eligibleIf(item -> Math.floorMod(item.hashCode(), modulus) != 0)
                    .near(new Query.Nearby(at, availability, 500 + r.nextDouble() * 6_000, half));
            String customer = data.customerId(r.nextInt(data.customerCount()));
            AbstractModel.Customer c = m.customer(data.customerIndex(customer));
            FastSearchTest.assertSameLists(reference(m, c, q), m.recommend(customer, q), "case " + t);
        }
    }

    /** Every candidate within the radius scored, decayed by its nearest store, rules applied, sorted. */
    private static List<Recommendation> reference(AbstractModel m, AbstractModel.Customer customer, Query q) {
        Query.Nearby near = q.nearby().orElseThrow();
        Availability.Candidates cand = near.availability().nearby(m.data, near.position(), near.radiusMetres());
        double[] all = new double[m.data.itemCount()];
        m.scoreAll(customer, all);
        List<double[]> rows = new ArrayList<>();
        for (int k = 0; k < cand.count(); k++) {
            int i = cand.items()[k];
            if (Arrays.binarySearch(customer.history().items(), i) >= 0 || !q.eligible().test(m.data.itemId(i))) {
                continue;
            }
            rows.add(new double[] {near.decay(all[i], cand.distances()[k]), i, all[i], cand.distances()[k]});
        }
        rows.sort((x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0]) : Double.compare(x[1], y[1]));
        List<Recommendation> out = new ArrayList<>();
        for (double[] row : rows.subList(0, Math.min(q.k(), rows.size()))) {
            out.add(new Recommendation(m.data.itemId((int) row[1]), row[0], row[2], OptionalDouble.of(row[3])));
        }
        return out;
    }

    @Test
    void theReferenceSeesEqualDistances() {
        // the world above relies on stores sharing a place; the availability keeps them apart
        Availability two = Availability.builder()
                .store(new Store("a", "a", GeoPoint.of(31.23, 121.47)))
                .store(new Store("b", "b", GeoPoint.of(31.23, 121.47)))
                .build();
        Availability.NearStores near = two.within(GeoPoint.of(31.231, 121.47), 1_000);
        assertEquals(2, near.count());
        assertEquals(near.distances()[0], near.distances()[1]);
        assertEquals(0, near.stores()[0]);
    }

    @Test
    void nearbyScoresBelongToTheirItemsWhenEveryItemIsWithinTheRadius() {
        Instant t = Instant.EPOCH;
        // item indices by first appearance: a = 0, b = 1, c = 2; totals a 1, b 2, c 3
        Interactions data = Interactions.of(List.of(
                new Interaction("u1", "a", t, 1), new Interaction("u1", "b", t, 2), new Interaction("u2", "c", t, 3)));
        GeoPoint here = GeoPoint.of(31.23, 121.47);
        // the nearer store offers c, the farther one a and b: candidates come as c, a, b
        Availability availability = Availability.builder()
                .store(new Store("near", "near", GeoPoint.of(31.2301, 121.47)))
                .store(new Store("far", "far", GeoPoint.of(31.2310, 121.47)))
                .offers("near", "c").offers("far", "a").offers("far", "b")
                .build();
        Model popularity = Recommender.popularity().fit(data);
        Query q = Query.top(3).near(new Query.Nearby(here, availability, 5_000, Double.POSITIVE_INFINITY));
        List<Recommendation> list = popularity.recommendFor(Map.of(), q);
        assertEquals(List.of("c", "b", "a"), list.stream().map(Recommendation::item).toList());
        assertEquals(List.of(3.0, 2.0, 1.0), list.stream().map(Recommendation::modelScore).toList());
        // the same under a diversity cap (every candidate ranked, then taken in order)
        List<Recommendation> diverse = popularity.recommendFor(Map.of(), q.diverse(item -> item, 1));
        assertEquals(List.of("c", "b", "a"), diverse.stream().map(Recommendation::item).toList());
        assertEquals(List.of(3.0, 2.0, 1.0), diverse.stream().map(Recommendation::modelScore).toList());
    }
}
