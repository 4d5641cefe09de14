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
                if (t % 4 == 1) {
                    // equal weights (0/1 data): the rows of one scale are summed in groups without multiplies
                    double weight = t % 8 == 1 ? 1.0 : 3.0;
                    double[] w = h.weights().clone();
                    Arrays.fill(w, weight);
                    h = new History(h.items(), w);
                } else if (t % 4 == 3) {
                    // negative weights: no caller of the model passes them, but the bound does not assume signs
                    double[] w = h.weights().clone();
                    for (int q = 0; q < w.length; q += 2) {
                        w[q] = -w[q];
                    }
                    h = new History(h.items(), w);
                }
                Int8Bounds.Pass pass = bounds.pass(h);
                assertNotNull(pass);
                double scale = 0;
                for (int q = 0; q < h.items().length; q++) {
                    scale += Math.abs(h.weights()[q]) * rowMax[h.items()[q]];
                }
                for (int i = 0; i < n; i++) {
                    double s = exact(b, n, h, i);
                    assertTrue(pass.lower(i) <= s && s <= pass.upper(i),
                            "n " + n + " case " + t + " item " + i + ": " + s + " outside [" + pass.lower(i)
                                    + ", " + pass.upper(i) + "]");
                    // half a quantisation step per row, at most 1/127 of its largest value with
                    // power-of-two scales, on each side of the interval: 2/127 = 1/63.5, plus slack
                    assertTrue(pass.upper(i) - pass.lower(i) <= scale / 60 + 1e-300,
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
        int total = 0;
        int customers = 0;
        for (int c = 0; c < data.customerCount(); c += 7) {
            History h = data.history(c);
            RuleHeap heap = new RuleHeap(10, i -> Arrays.binarySearch(h.items(), i) < 0, data.itemCount());
            AtomicInteger scored = new AtomicInteger();
            assertTrue(bounds.search(m, h, Query.top(10), heap, (hh, i) -> {
                scored.incrementAndGet();
                return exact(b, data.itemCount(), hh, i);
            }));
            assertEquals(10, heap.size());
            total += scored.get();
            customers++;
        }
        // The plain search scores all of the catalogue's items. This small, tie-heavy model (λ = 5, 590
        // items) is a hard case for the bound: with power-of-two row scales (a quantisation error up to
        // twice that of scales max/127) customers score 48 items on average (it was 25) and one of 24
        // history items scores 372 (it was 100); MovieLens latest-small scores 16 on average, see
        // EaseServingMlSmallTest.
        assertTrue(total < customers * data.itemCount() / 10, "scored " + total + " for " + customers
                + " customers of " + data.itemCount() + " items");
    }

    @Test
    void powerOfTwoScalesAreTheSmallestThatFitTheCodes() {
        SplittableRandom r = new SplittableRandom(24);
        assertEquals(0.0, Int8Bounds.powerOfTwoScale(0.0));
        assertEquals(1.0, Int8Bounds.powerOfTwoScale(127.0));
        assertEquals(2.0, Int8Bounds.powerOfTwoScale(Math.nextUp(127.0)));
        assertEquals(0.5, Int8Bounds.powerOfTwoScale(63.5));
        for (int t = 0; t < 10_000; t++) {
            double max = t == 0 ? Double.MIN_VALUE : t == 1 ? Double.MAX_VALUE
                    : Math.scalb(1 + r.nextDouble(), r.nextInt(-1060, 1020));
            double s = Int8Bounds.powerOfTwoScale(max);
            long bits = Double.doubleToRawLongBits(s);
            assertTrue(s >= Double.MIN_NORMAL ? (bits & 0xF_FFFF_FFFF_FFFFL) == 0 : Long.bitCount(bits) == 1,
                    "power of two: " + s);
            assertTrue(max / s <= 127, max + " / " + s);
            if (s > Double.MIN_VALUE) {
                assertTrue(max / (s / 2) > 127, "not the smallest for " + max + ": " + s);
            }
        }
    }

    @Test
    void equalWeightsOverOneScaleGiveThePlainListsAcrossASpill() {
        // every row holds the same largest value, so every row has one scale and one coefficient: a
        // history of 300 items is one group of more rows than the 16-bit lanes hold before a spill
        Interactions data = FastSearchTest.data;
        int n = data.itemCount();
        SplittableRandom r = new SplittableRandom(25);
        double[] b = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                b[j * n + i] = i == j ? 0.0 : (r.nextDouble() - 0.5) * 0.01;
            }
            b[j * n + (j + 1) % n] = 0.01;
        }
        EaseModel m = new EaseModel(data, b);
        AtomicInteger asked = new AtomicInteger();
        for (int t = 0; t < 40; t++) {
            Map<String, Double> history = new HashMap<>();
            int size = 250 + r.nextInt(100);
            double weight = t % 2 == 0 ? 1.0 : 2.5;
            while (history.size() < size) {
                history.put(data.itemId(r.nextInt(n)), weight);
            }
            Query q = FastSearchTest.randomQuery(r, asked);
            FastSearchTest.assertSameLists(FastSearchTest.reference(m, m.foldIn(m.historyOf(history)), q),
                    m.recommendFor(history, q), "case " + t);
        }
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
