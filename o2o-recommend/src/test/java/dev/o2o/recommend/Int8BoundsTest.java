package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.recommend.Interactions.History;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The int8 first pass of EASE's top-K search: its error bound holds for every item (and is not
 * trivially wide), the lists equal the plain score-everything search to the bit, also when many
 * scores tie exactly, and the search steps aside when the bound cannot be trusted.
 */
class Int8BoundsTest {

    @BeforeAll
    static void world() {
        if (FastSearchTest.data == null) {
            FastSearchTest.world();
        }
    }

    /** The model's own arithmetic for one item: the terms of scoreAll in the same order. */
    static double exact(double[] b, int n, History h, int item) {
        double s = 0.0;
        for (int q = 0; q < h.items().length; q++) {
            s += h.weights()[q] * b[h.items()[q] * n + item];
        }
        return s;
    }

    static History randomHistory(SplittableRandom r, int n, int size, double maxWeight) {
        int[] items = r.ints(0, n).distinct().limit(size).sorted().toArray();
        double[] w = new double[items.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = r.nextInt(8) == 0 ? 0.0 : r.nextDouble() * maxWeight;
        }
        return new History(items, w);
    }

    @Test
    void everyExactScoreLiesWithinTheBound() {
        SplittableRandom r = new SplittableRandom(21);
        for (int n : new int[] {1, 3, 4, 5, 97, 400}) {
            double[] b = new double[n * n];
            double[] rowMax = new double[n];
            for (int j = 0; j < n; j++) {
                // rows of very different magnitude, some all zero, some with one large value
                double magnitude = r.nextInt(10) == 0 ? 0.0 : Math.pow(10, -6 + r.nextInt(8));
                for (int i = 0; i < n; i++) {
                    b[j * n + i] = i == j ? 0.0 : magnitude * r.nextGaussian() * (r.nextInt(50) == 0 ? 30 : 1);
                    rowMax[j] = Math.max(rowMax[j], Math.abs(b[j * n + i]));
                }
            }
            Int8Bounds bounds = new Int8Bounds(b, n);
            for (int t = 0; t < 40; t++) {
                History h = randomHistory(r, n, 1 + r.nextInt(Math.min(n, 60)), t % 2 == 0 ? 1 : 1e6);
                Int8Bounds.Pass pass = bounds.pass(h);
                assertNotNull(pass);
                double scale = 0;
                for (int q = 0; q < h.items().length; q++) {
                    scale += h.weights()[q] * rowMax[h.items()[q]];
                }
                for (int i = 0; i < n; i++) {
                    double s = exact(b, n, h, i);
                    assertTrue(pass.lower(i) <= s && s <= pass.upper(i),
                            "n " + n + " case " + t + " item " + i + ": " + s + " outside [" + pass.lower(i)
                                    + ", " + pass.upper(i) + "]");
                    // half a quantisation step per row (1/254 of its largest value) plus slack
                    assertTrue(pass.upper(i) - pass.lower(i) <= scale / 120 + 1e-300,
                            "bound too wide: " + (pass.upper(i) - pass.lower(i)) + " against " + scale);
                }
            }
        }
    }

    @Test
    void listsEqualThePlainSearchWhenScoresTie() {
        // weights from a few dyadic values and integer history weights: sums are exact, many tie
        Interactions data = FastSearchTest.data;
        int n = data.itemCount();
        SplittableRandom r = new SplittableRandom(22);
        double[] b = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                b[j * n + i] = i == j ? 0.0 : (r.nextInt(5) - 2) / 8.0;
            }
        }
        checkAgainstPlainSearch(new EaseModel(data, b), r, 300);
    }

    @Test
    void listsEqualThePlainSearchOnAFittedModel() {
        checkAgainstPlainSearch((EaseModel) Recommender.ease(5.0).fit(FastSearchTest.data),
                new SplittableRandom(23), 300);
    }

    private static void checkAgainstPlainSearch(EaseModel m, SplittableRandom r, int cases) {
        Interactions data = m.data;
        AtomicInteger asked = new AtomicInteger();
        for (int t = 0; t < cases; t++) {
            Query q = FastSearchTest.randomQuery(r, asked);
            String customer = data.customerId(r.nextInt(data.customerCount()));
            FastSearchTest.assertSameLists(FastSearchTest.reference(m, m.customer(data.customerIndex(customer)), q),
                    m.recommend(customer, q), "case " + t + " " + customer);
            Map<String, Double> history = new HashMap<>();
            int size = r.nextInt(60);
            while (history.size() < size) {
                history.put(data.itemId(r.nextInt(data.itemCount())), (double) r.nextInt(4));
            }
            FastSearchTest.assertSameLists(FastSearchTest.reference(m, m.foldIn(m.historyOf(history)), q),
                    m.recommendFor(history, q), "fold-in case " + t);
        }
    }

    @Test
    void longListsEqualThePlainSearch() {
        // 150 items: the search pops far more candidates from its heap than for a top-10
        EaseModel m = (EaseModel) Recommender.ease(5.0).fit(FastSearchTest.data);
        Interactions data = m.data;
        assertTrue(data.itemCount() > 300, "items: " + data.itemCount());
        for (int c = 0; c < data.customerCount(); c += 13) {
            String customer = data.customerId(c);
            for (Query q : List.of(Query.top(150), Query.top(150).near(FastSearchTest.CENTRE, FastSearchTest.availability))) {
                List<Recommendation> got = m.recommend(customer, q);
                assertTrue(got.size() > 64, "customer " + customer + ": " + got.size());
                FastSearchTest.assertSameLists(FastSearchTest.reference(m, m.customer(c), q), got, "customer " + customer);
            }
        }
    }

    @Test
    void aFittedModelScoresFewItemsExactly() {
        EaseModel m = (EaseModel) Recommender.ease(5.0).fit(FastSearchTest.data);
        Interactions data = m.data;
        double[] b = EaseFit.weights(data, 5.0);
        Int8Bounds bounds = new Int8Bounds(b, data.itemCount());
        int worst = 0;
        for (int c = 0; c < data.customerCount(); c += 7) {
            History h = data.history(c);
            RuleHeap heap = new RuleHeap(10, i -> Arrays.binarySearch(h.items(), i) < 0, data.itemCount());
            AtomicInteger scored = new AtomicInteger();
            assertTrue(bounds.search(m, h, Query.top(10), heap, (hh, i) -> {
                scored.incrementAndGet();
                return exact(b, data.itemCount(), hh, i);
            }));
            assertEquals(10, heap.size());
            worst = Math.max(worst, scored.get());
        }
        // the plain search scores all of the catalogue's items
        assertTrue(worst < data.itemCount() / 4, "scored " + worst + " of " + data.itemCount());
    }

    @Test
    void theSearchStepsAsideWhenTheBoundCannotBeTrusted() {
        int n = 6;
        double[] b = new double[n * n];
        Arrays.fill(b, 0.25);
        b[2 * n + 4] = Double.NaN;
        b[3 * n + 1] = 1e305;
        Int8Bounds bounds = new Int8Bounds(b, n);
        assertNull(bounds.pass(new History(new int[] {0, 2}, new double[] {1, 1})), "a NaN row");
        assertNull(bounds.pass(new History(new int[] {3, 5}, new double[] {1e10, 1})), "a sum that may overflow");
        assertNotNull(bounds.pass(new History(new int[] {0, 1}, new double[] {1, 1})));
        Interactions data = FastSearchTest.data;
        EaseModel m = new EaseModel(data, new double[data.itemCount() * data.itemCount()]);
        double[] bad = new double[data.itemCount() * data.itemCount()];
        bad[1] = Double.POSITIVE_INFINITY;
        Int8Bounds withInfinity = new Int8Bounds(bad, data.itemCount());
        RuleHeap heap = new RuleHeap(5, i -> true, data.itemCount());
        assertFalse(withInfinity.search(m, new History(new int[] {0}, new double[] {1}), Query.top(5), heap,
                (h, i) -> 0.0));
        assertEquals(0, heap.size());
        // an empty history scores every item 0 through the bounded search as well
        assertEquals(List.of(data.itemId(0), data.itemId(1)),
                m.recommendFor(Map.of(), Query.top(2)).stream().map(Recommendation::item).toList());
    }
}
