package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.GeoPoint;
import dev.o2o.core.Store;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The serving search (candidates from the stores within the radius, the item rules asked only for
 * items good enough to enter the list, and iALS's norm-bounded early stop) against a plain
 * reference: score every item, apply every rule, sort. Lists must be identical, scores to the bit.
 */
class FastSearchTest {

    static Interactions data;
    static Availability availability;
    static List<Store> stores = new ArrayList<>();
    static Map<String, List<String>> storesOfItem = new HashMap<>();
    static final GeoPoint CENTRE = GeoPoint.of(31.23, 121.47);

    @BeforeAll
    static void world() {
        SplittableRandom r = new SplittableRandom(11);
        Interactions.Builder b = Interactions.builder();
        int items = 600;
        for (int c = 0; c < 400; c++) {
            int n = 3 + r.nextInt(25);
            for (int k = 0; k < n; k++) {
                double u = r.nextDouble();
                // skewed popularity, as in real catalogues: item vector norms then differ a lot
                b.add("c" + c, "i" + (int) (items * u * u * u), 1 + r.nextInt(3));
            }
        }
        data = b.build();
        Availability.Builder a = Availability.builder();
        for (int s = 0; s < 40; s++) {
            Store store = new Store("s" + s, "store " + s, GeoPoint.of(31.23 + (r.nextDouble() - 0.5) * 0.18,
                    121.47 + (r.nextDouble() - 0.5) * 0.21));
            stores.add(store);
            a.store(store);
        }
        for (int i = 0; i < data.itemCount(); i++) {
            int copies = r.nextInt(4);
            for (int k = 0; k < copies; k++) {
                String s = "s" + r.nextInt(40);
                a.offers(s, data.itemId(i));
                storesOfItem.computeIfAbsent(data.itemId(i), x -> new ArrayList<>()).add(s);
            }
        }
        availability = a.build();
    }

    /** The plain search: every item scored, rules applied, sorted by (score desc, item index asc). */
    static List<Recommendation> reference(AbstractModel m, AbstractModel.Customer customer, Query q) {
        int n = m.data.itemCount();
        double[] all = new double[n];
        m.scoreAll(customer, all);
        Set<Integer> history = new HashSet<>();
        for (int i : customer.history().items()) {
            history.add(i);
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!q.includeConsumed() && history.contains(i)) {
                continue;
            }
            if (!q.eligible().test(m.data.itemId(i))) {
                continue;
            }
            double ranking = all[i];
            double distance = Double.NaN;
            if (q.nearby().isPresent()) {
                Query.Nearby near = q.nearby().get();
                double best = Double.POSITIVE_INFINITY;
                for (String s : storesOfItem.getOrDefault(m.data.itemId(i), List.of())) {
                    double d = stores.get(Integer.parseInt(s.substring(1))).distanceMetres(near.position());
                    best = Math.min(best, d);
                }
                if (!(best <= near.radiusMetres())) {
                    continue;
                }
                distance = best;
                ranking = near.decay(all[i], best);
            }
            rows.add(new double[] {ranking, i, all[i], distance});
        }
        rows.sort((x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0]) : Double.compare(x[1], y[1]));
        List<Recommendation> out = new ArrayList<>();
        for (double[] row : rows.subList(0, Math.min(q.k(), rows.size()))) {
            out.add(new Recommendation(m.data.itemId((int) row[1]), row[0], row[2],
                    Double.isNaN(row[3]) ? OptionalDouble.empty() : OptionalDouble.of(row[3])));
        }
        return out;
    }

    /** A random query: k, a filter, consumed items, and a position with radius and decay. */
    static Query randomQuery(SplittableRandom r, AtomicInteger asked) {
        int salt = r.nextInt(1000);
        int modulus = 2 + r.nextInt(6);
        Predicate<String> filter = item -> {
            asked.incrementAndGet();
            return Math.floorMod(item.hashCode() + salt, modulus) != 0;
        };
        Query q = Query.top(1 + r.nextInt(25)).eligibleIf(filter);
        if (r.nextInt(4) == 0) {
            q = q.includingConsumed();
        }
        if (r.nextInt(5) != 0) {
            GeoPoint at = GeoPoint.of(31.23 + (r.nextDouble() - 0.5) * 0.2, 121.47 + (r.nextDouble() - 0.5) * 0.2);
            q = q.near(new Query.Nearby(at, availability, 1_000 + r.nextDouble() * 9_000,
                    r.nextInt(5) == 0 ? Double.POSITIVE_INFINITY : 500 + r.nextDouble() * 4_000));
        }
        return q;
    }

    static void assertSameLists(List<Recommendation> expected, List<Recommendation> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": list length");
        for (int k = 0; k < expected.size(); k++) {
            Recommendation e = expected.get(k);
            Recommendation a = actual.get(k);
            assertEquals(e.item(), a.item(), what + ": item at rank " + k);
            assertEquals(Double.doubleToLongBits(e.score()), Double.doubleToLongBits(a.score()),
                    what + ": score at rank " + k + " " + e.score() + " vs " + a.score());
            assertEquals(Double.doubleToLongBits(e.modelScore()), Double.doubleToLongBits(a.modelScore()),
                    what + ": model score at rank " + k);
            assertEquals(e.distanceMetres(), a.distanceMetres(), what + ": distance at rank " + k);
        }
    }

    void check(Recommender algorithm, long seed) {
        AbstractModel m = (AbstractModel) algorithm.fit(data);
        SplittableRandom r = new SplittableRandom(seed);
        AtomicInteger asked = new AtomicInteger();
        for (int t = 0; t < 150; t++) {
            Query q = randomQuery(r, asked);
            String customer = data.customerId(r.nextInt(data.customerCount()));
            List<Recommendation> expected = reference(m, m.customer(data.customerIndex(customer)), q);
            assertSameLists(expected, m.recommend(customer, q), m.name() + " case " + t + " " + customer);
            Map<String, Double> history = new HashMap<>();
            int size = 1 + r.nextInt(40);
            while (history.size() < size) {
                history.put(data.itemId(r.nextInt(data.itemCount())), 1.0 + r.nextInt(3));
            }
            AbstractModel.Customer folded = m.foldIn(m.historyOf(history));
            assertSameLists(reference(m, folded, q), m.recommendFor(history, q), m.name() + " fold-in case " + t);
        }
    }

    @Test
    void alsListsEqualThePlainSearch() {
        // an odd factor count exercises the dot product's remainder
        check(Recommender.als(7, 10, 0.1, 3, 5L), 1);
        check(Recommender.als(16, 5, 0.5, 2, 6L), 2);
    }

    @Test
    void easeListsEqualThePlainSearch() {
        check(Recommender.ease(20.0), 3);
    }

    @Test
    void itemKnnAndPopularityListsEqualThePlainSearch() {
        check(Recommender.itemKnn(30, 2.0), 4);
        check(Recommender.popularity(), 5);
    }

    @Test
    void alsScoresFewItemsAndAsksTheFilterAboutFew() {
        AbstractModel m = (AbstractModel) Recommender.als(16, 10, 0.1, 5, 7L).fit(data);
        AtomicInteger asked = new AtomicInteger();
        Query q = Query.top(10).eligibleIf(item -> {
            asked.incrementAndGet();
            return true;
        });
        String top = data.customerId(0);
        List<Recommendation> list = m.recommend(top, q);
        assertEquals(10, list.size());
        // the plain search asked the filter about every item not consumed
        assertTrue(asked.get() < data.itemCount() / 2, "filter asked " + asked.get() + " times");
    }

    @Test
    void aFilterThatRejectsEverythingGivesAnEmptyListOnEveryPath() {
        for (Recommender alg : List.of(Recommender.als(8, 10, 0.1, 2, 1L), Recommender.ease(10.0))) {
            Model m = alg.fit(data);
            Query none = Query.top(10).eligibleIf(item -> false);
            assertEquals(List.of(), m.recommend(data.customerId(3), none));
            assertEquals(List.of(), m.recommend(data.customerId(3), none.near(CENTRE, availability)));
            assertEquals(List.of(), m.recommendFor(Map.of(data.itemId(0), 1.0), none));
        }
    }

    @Test
    void anItemOfferedByTwoStoresIsListedOnceAtItsNearestStore() {
        Availability twice = Availability.builder()
                .store(new Store("near", "near", GeoPoint.of(31.23, 121.471)))
                .store(new Store("far", "far", GeoPoint.of(31.23, 121.49)))
                .offers("far", data.itemId(0)).offers("near", data.itemId(0))
                .offers("far", data.itemId(1)).build();
        for (Recommender alg : List.of(Recommender.als(8, 10, 0.1, 2, 1L), Recommender.popularity())) {
            Model m = alg.fit(data);
            List<Recommendation> list = m.recommendFor(Map.of(data.itemId(5), 1.0), Query.top(5).near(CENTRE, twice));
            assertEquals(2, list.size(), alg.name());
            Recommendation zero = list.stream().filter(x -> x.item().equals(data.itemId(0))).findFirst().orElseThrow();
            assertEquals(GeoPoint.of(31.23, 121.471).distanceMetres(CENTRE), zero.distanceMetres().getAsDouble());
            assertEquals(Arrays.asList(1L, 1L), Arrays.asList(
                    list.stream().filter(x -> x.item().equals(data.itemId(0))).count(),
                    list.stream().filter(x -> x.item().equals(data.itemId(1))).count()));
        }
    }
}
