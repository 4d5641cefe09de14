package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.recommend.Interactions.History;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The int8 bound of iALS's top-K search: it holds for every item against the model's own
 * arithmetic (and is not trivially wide), the lists equal the plain score-everything search to
 * the bit (also with exact ties, large magnitudes and the fall-backs), and a deserialized model
 * rebuilds the copy and gives the same lists.
 */
class Int8FactorsTest {

    @BeforeAll
    static void world() {
        if (FastSearchTest.data == null) {
            FastSearchTest.world();
        }
    }

    static double norm(float[] y, int o, int f) {
        double s = 0;
        for (int a = 0; a < f; a++) {
            s += (double) y[o + a] * y[o + a];
        }
        return Math.sqrt(s);
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void everyComputedScoreLiesWithinTheBound() {
        SplittableRandom r = new SplittableRandom(31);
        for (int f : new int[] {1, 2, 3, 7, 16, 64, 65}) {
            int n = 300;
            float[] y = new float[n * f];
            for (int i = 0; i < n; i++) {
                // items of very different magnitude, some all zero, some with one dominant factor
                double magnitude = r.nextInt(10) == 0 ? 0.0 : Math.pow(10, -30 + r.nextInt(45));
                int spike = r.nextInt(4) == 0 ? r.nextInt(f) : -1;
                for (int a = 0; a < f; a++) {
                    double x = (r.nextDouble() * 2 - 1) * magnitude * (a == spike ? 1000 : 1);
                    y[i * f + a] = (float) x;
                }
            }
            Int8Factors codes = new Int8Factors(y, n, f);
            for (int t = 0; t < 40; t++) {
                double[] v = new double[f];
                double magnitude = t == 0 ? 0.0 : Math.pow(10, -20 + r.nextInt(40));
                for (int a = 0; a < f; a++) {
                    v[a] = r.nextInt(6) == 0 ? 0.0 : (r.nextDouble() * 2 - 1) * magnitude;
                }
                Int8Factors.Probe probe = codes.probe(v);
                assertNotNull(probe);
                double vn = norm(v);
                for (int i = 0; i < n; i++) {
                    double exact = Dot.dot(y, i * f, v, 0, f);
                    double upper = probe.upper(i);
                    assertTrue(upper >= exact, "f=" + f + " item " + i + ": bound " + upper + " < score " + exact);
                    // the quantisation error is at most √f·max|y_i|/254 ≤ √f·|y_i|/254 times |v|; twice that
                    // for the width of the interval
                    double width = (Math.sqrt(f) / 127 + 1e-9) * vn * norm(y, i * f, f) + 1e-290;
                    assertTrue(upper - exact <= width, "f=" + f + " item " + i + ": bound " + upper
                            + " is wider than " + width + " above " + exact);
                }
            }
        }
    }

    @Test
    void theBoundStepsAsideForValuesThatAreNotFinite() {
        float[] y = {1f, 2f, 3f, 4f};
        Int8Factors codes = new Int8Factors(y, 2, 2);
        assertNotNull(codes.probe(new double[] {1, 2}));
        assertNull(codes.probe(new double[] {Double.NaN, 2}));
        assertNull(codes.probe(new double[] {Double.POSITIVE_INFINITY, 2}));
        assertNull(codes.probe(new double[] {1e200, 2}), "the squared norm would overflow");
        assertNull(new Int8Factors(new float[] {1f, Float.NaN, 3f, 4f}, 2, 2).probe(new double[] {1, 2}));
        assertNull(new Int8Factors(new float[] {1f, 2f, Float.POSITIVE_INFINITY, 4f}, 2, 2).probe(new double[] {1, 2}));
    }

    /**
     * A dot-product model with given factors, searched by {@link NormBounds} exactly as AlsModel
     * is: lets a test choose factors with exact ties and extreme magnitudes. Counts exact scores.
     */
    static final class FixedFactors extends AbstractModel {
        private static final long serialVersionUID = 1L;
        final int f;
        final float[] items;
        final double[][] customers;
        final NormBounds bounds;
        final AtomicInteger exactScores = new AtomicInteger();

        FixedFactors(Interactions data, int f, float[] items, double[][] customers) {
            super("fixed", data);
            this.f = f;
            this.items = items;
            this.customers = customers;
            bounds = new NormBounds(items, data.itemCount(), f);
        }

        @Override
        Customer customer(int index) {
            return new Customer(index, data.history(index), customers[index]);
        }

        @Override
        Customer foldIn(History h) {
            // any vector will do for the search: the sum of the history's item vectors, weighted
            double[] v = new double[f];
            for (int k = 0; k < h.items().length; k++) {
                for (int a = 0; a < f; a++) {
                    v[a] += h.weights()[k] * items[h.items()[k] * f + a];
                }
            }
            return new Customer(-1, h, v);
        }

        @Override
        void scoreAll(Customer customer, double[] out) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Dot.dot(items, i * f, customer.vector(), 0, f);
            }
        }

        @Override
        boolean searchPruned(Customer customer, Query query, RuleHeap heap) {
            return bounds.search(this, customer.vector(), query, heap, (v, item, scratch) -> {
                exactScores.incrementAndGet();
                return Dot.dot(items, item * f, v, 0, f);
            });
        }
    }

    /** Item vectors drawn from a few prototypes on a coarse grid, so many scores tie exactly. */
    static FixedFactors tiedModel(long seed, int f, double itemScale, double customerScale) {
        Interactions data = FastSearchTest.data;
        SplittableRandom r = new SplittableRandom(seed);
        int n = data.itemCount();
        float[][] prototypes = new float[12][f];
        for (float[] p : prototypes) {
            for (int a = 0; a < f; a++) {
                p[a] = (float) ((r.nextInt(9) - 3) * 0.25 * itemScale);
            }
        }
        float[] items = new float[n * f];
        for (int i = 0; i < n; i++) {
            float[] p = prototypes[r.nextInt(prototypes.length)];
            for (int a = 0; a < f; a++) {
                // half the items are exact copies of a prototype, the others a prototype nudged on the grid
                items[i * f + a] = p[a] + (r.nextInt(2) == 0 ? 0f : (float) ((r.nextInt(3) - 1) * 0.25 * itemScale));
            }
        }
        double[][] customers = new double[data.customerCount()][f];
        for (double[] c : customers) {
            for (int a = 0; a < f; a++) {
                c[a] = (r.nextInt(5) - 1) * 0.5 * customerScale;
            }
        }
        return new FixedFactors(data, f, items, customers);
    }

    void checkAgainstReference(AbstractModel m, long seed, int cases) {
        Interactions data = m.data;
        SplittableRandom r = new SplittableRandom(seed);
        AtomicInteger asked = new AtomicInteger();
        for (int t = 0; t < cases; t++) {
            Query q = FastSearchTest.randomQuery(r, asked);
            String customer = data.customerId(r.nextInt(data.customerCount()));
            FastSearchTest.assertSameLists(FastSearchTest.reference(m, m.customer(data.customerIndex(customer)), q),
                    m.recommend(customer, q), m.name() + " case " + t + " " + customer);
            Map<String, Double> history = new HashMap<>();
            int size = 1 + r.nextInt(50);
            while (history.size() < size) {
                history.put(data.itemId(r.nextInt(data.itemCount())), 1.0 + r.nextInt(3));
            }
            FastSearchTest.assertSameLists(FastSearchTest.reference(m, m.foldIn(m.historyOf(history)), q),
                    m.recommendFor(history, q), m.name() + " fold-in case " + t);
        }
    }

    @Test
    void listsWithManyExactTiesEqualThePlainSearch() {
        FixedFactors m = tiedModel(41, 8, 1.0, 1.0);
        checkAgainstReference(m, 42, 300);
        // the bound does skip exact scores: fewer than a fifth of the 600 visited-or-not items per query
        assertTrue(m.exactScores.get() < 600 * 600 / 5, "exact scores: " + m.exactScores.get());
        checkAgainstReference(tiedModel(43, 65, 1.0, 1.0), 44, 150);
    }

    @Test
    void largeAndTinyMagnitudesEqualThePlainSearch() {
        // |y|·|v| near 1e181: the int8 bound is used; customers near 1e160: the probe steps aside
        // (|v|² would overflow) and the norm search runs alone; tiny factors: both bounds near underflow
        checkAgainstReference(tiedModel(51, 16, 1e30, 1e149), 52, 100);
        checkAgainstReference(tiedModel(53, 16, 1e-30, 1e160), 54, 100);
        checkAgainstReference(tiedModel(55, 16, 1e-35, 1e-290), 56, 100);
    }

    @Test
    void benchmarkSizedFactorCountsEqualThePlainSearch() {
        new FastSearchTest().check(Recommender.als(64, 10, 0.1, 2, 9L), 61);
        new FastSearchTest().check(Recommender.als(33, 40, 0.1, 4, 10L), 62);
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void aDeserializedModelRebuildsTheCopyAndGivesTheSameLists() throws Exception {
        Interactions data = FastSearchTest.data;
        AbstractModel m = (AbstractModel) Recommender.als(16, 10, 0.1, 3, 12L).fit(data);
        AbstractModel back = roundTrip(m);
        SplittableRandom r = new SplittableRandom(71);
        AtomicInteger asked = new AtomicInteger();
        for (int t = 0; t < 100; t++) {
            Query q = FastSearchTest.randomQuery(r, asked);
            String customer = data.customerId(r.nextInt(data.customerCount()));
            FastSearchTest.assertSameLists(m.recommend(customer, q), back.recommend(customer, q), "case " + t);
            Map<String, Double> history = Map.of(data.itemId(r.nextInt(data.itemCount())), 2.0,
                    data.itemId(r.nextInt(data.itemCount())), 1.0);
            FastSearchTest.assertSameLists(m.recommendFor(history, q), back.recommendFor(history, q), "fold-in " + t);
        }
        // the transient codes are rebuilt, not left empty: the same bounds, item by item
        float[] y = ((AlsModel) m).itemFactors;
        int f = ((AlsModel) m).f;
        Int8Factors codes = new Int8Factors(y, data.itemCount(), f);
        Int8Factors codesBack = roundTrip(codes);
        double[] v = m.customer(0).vector();
        for (int i = 0; i < data.itemCount(); i++) {
            assertEquals(codes.probe(v).upper(i), codesBack.probe(v).upper(i), "item " + i);
        }
    }
}
