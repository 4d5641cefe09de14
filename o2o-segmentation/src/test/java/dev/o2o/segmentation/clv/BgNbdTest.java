package dev.o2o.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BgNbdTest {

    @Test
    void fitsCdnowToPublishedValues() {
        ModelFit<BgNbd> fit = BgNbd.fit(Cdnow.summary());
        BgNbd m = fit.model();
        System.out.println(fit);
        assertEquals(0.2426, m.r(), 0.2426 * 0.005);
        assertEquals(4.414, m.alpha(), 4.414 * 0.005);
        assertEquals(0.793, m.a(), 0.793 * 0.005);
        assertEquals(2.426, m.b(), 2.426 * 0.005);
        assertEquals(-9582.43, fit.logLikelihood(), 0.01);
        assertEquals(2357, fit.customers());
        assertEquals(1.226, m.expectedPurchases(39, new CustomerSummary(2, 30.43, 38.86)), 0.001);
        // standard errors are positive and small relative to the estimates
        for (int i = 0; i < 4; i++) {
            double se = fit.standardErrors().get(i);
            assertTrue(se > 0 && se < 0.5 * fit.estimates().get(i), "se " + fit.parameterNames().get(i) + " " + se);
        }
        assertEquals(fit.logLikelihood(), m.logLikelihood(Cdnow.summary()), 1e-6);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        CalibrationData d = Cdnow.summary();
        double[] p = {Math.log(0.3), Math.log(5), Math.log(0.7), Math.log(2.0)};
        double[] g = new double[4];
        BgNbd.logLik(d, 100, p, g);
        for (int i = 0; i < 4; i++) {
            double[] q = p.clone();
            q[i] += 1e-6;
            double up = BgNbd.logLik(d, 100, q, null);
            q[i] -= 2e-6;
            double down = BgNbd.logLik(d, 100, q, null);
            assertEquals((up - down) / 2e-6, g[i], 1e-3 * Math.max(1, Math.abs(g[i])));
        }
    }

    @Test
    void recoversSimulatedParametersWithinStandardErrors() {
        BgNbd truth = new BgNbd(0.25, 4.0, 0.8, 2.5);
        CalibrationData sim = truth.simulate(20_000, 52, 42L);
        ModelFit<BgNbd> fit = BgNbd.fit(sim);
        System.out.println(fit);
        for (int i = 0; i < 4; i++) {
            double est = fit.estimates().get(i);
            double se = fit.standardErrors().get(i);
            double t = truth.parameters().get(i);
            assertTrue(Math.abs(est - t) <= 2 * se, fit.parameterNames().get(i) + " " + est + " vs " + t + " se " + se);
        }
    }

    /**
     * A horizon of 1e17 weeks made t / (alpha + T + t) round to 1 and failed inside log2F1 with a
     * message naming none of the caller's values; and well before that (about 1e15) the forecast had
     * lost digits. The horizon is refused up front, naming t and its limit for this model and customer.
     */
    @Test
    void aHorizonTooLongForAnAccurateForecastIsRefusedNamingTheLimit() {
        BgNbd m = new BgNbd(0.243, 4.414, 0.793, 2.426);
        CustomerSummary c = new CustomerSummary(2, 30.43, 38.86);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.expectedPurchases(1e17));
        assertEquals("horizon t must be at most 1.0E8 times alpha (4.414) for an accurate BG/NBD forecast,"
                + " got 1.0E17", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.expectedPurchases(1e17, c));
        assertEquals("horizon t must be at most 1.0E8 times alpha + T (4.414 + 38.86) for an accurate BG/NBD forecast,"
                + " got 1.0E17", e.getMessage());
        // at the limit the forecast still grows with the horizon
        assertTrue(m.expectedPurchases(4.414e8) > m.expectedPurchases(4.414e7));
        assertTrue(m.expectedPurchases(4.3274e9, c) > m.expectedPurchases(4.3274e8, c));
    }

    @Test
    void populationExpectationAndAliveProbabilityBehave() {
        BgNbd m = new BgNbd(0.2426, 4.414, 0.793, 2.426);
        assertEquals(0, m.expectedPurchases(0), 0);
        assertTrue(m.expectedPurchases(52) > m.expectedPurchases(39));
        assertEquals(1, m.probabilityAlive(new CustomerSummary(0, 0, 30)), 0);
        assertTrue(m.probabilityAlive(new CustomerSummary(5, 10, 38)) < m.probabilityAlive(new CustomerSummary(5, 37, 38)));
    }

    @Test
    void invalidInputsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CustomerSummary(-1, 0, 5));
        assertTrue(e.getMessage().contains("frequency"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CustomerSummary(2, 6, 5));
        assertTrue(e.getMessage().contains("recency"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CalibrationData.of(new int[0], new double[0], new double[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CalibrationData.of(new int[] {1, 2}, new double[] {1, 9}, new double[] {5, 5}));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BgNbd(0, 1, 1, 1));
    }

    @Test
    void heavyBuyersStayFinite() {
        BgNbd m = new BgNbd(0.2426, 4.414, 0.793, 2.426);
        for (int x : new int[] {100, 500, 1500}) {
            CustomerSummary c = new CustomerSummary(x, 38.8, 38.86);
            double e = m.expectedPurchases(39, c);
            double rate = (m.r() + x) / (m.alpha() + c.age());
            assertTrue(Double.isFinite(m.logLikelihood(c)), "x=" + x);
            assertTrue(e > 0 && e < rate * 39, "x=" + x + " E=" + e);
        }
    }

    @Test
    void fitsAreThreadSafe() throws Exception {
        CalibrationData d = Cdnow.summary();
        double expected = BgNbd.fit(d).logLikelihood();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Double>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(pool.submit(() -> BgNbd.fit(d).logLikelihood()));
            }
            for (java.util.concurrent.Future<Double> f : futures) {
                assertEquals(expected, f.get(), 0);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void unidentifiedModelIsAnErrorNotTheStartValues() {
        // Nobody ever repeats: the dropout parameters are not identified and r runs to 0.
        int n = 500;
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        java.util.Arrays.fill(t, 30);
        ConvergenceException e = assertThrows(ConvergenceException.class,
                () -> BgNbd.fit(CalibrationData.of(x, tx, t)));
        assertTrue(e.getMessage().contains("BG/NBD"), e.getMessage());
    }

    @Test
    void nonConvergenceIsAnError() {
        CalibrationData data = Cdnow.summary(); // skips, outside the assertion, where the data is absent
        assertThrows(ConvergenceException.class, () -> BgNbd.fit(data, new FitOptions(2, 1e-8)));
    }

    @Test
    void expectationsAreFiniteAndContinuousAtDropoutShapeOne() {
        // the formulas carry a factor 1 / (a - 1) whose numerator vanishes at a = 1: 0/0 there, Infinity before
        CustomerSummary c = new CustomerSummary(2, 30.43, 38.86);
        BgNbd at = new BgNbd(0.243, 4.414, 1.0, 2.426);
        double below = new BgNbd(0.243, 4.414, 0.999, 2.426).expectedPurchases(39, c);
        double above = new BgNbd(0.243, 4.414, 1.001, 2.426).expectedPurchases(39, c);
        // smooth in a: the midpoint of a = 1 -+ 0.001 is within f'' 1e-6 / 2 of the value at 1
        assertEquals((below + above) / 2, at.expectedPurchases(39, c), 1e-6);
        double belowPop = new BgNbd(0.243, 4.414, 0.999, 2.426).expectedPurchases(39);
        double abovePop = new BgNbd(0.243, 4.414, 1.001, 2.426).expectedPurchases(39);
        assertEquals((belowPop + abovePop) / 2, at.expectedPurchases(39), 1e-6);
        // just off 1 the plain formula loses digits to cancellation; the values stay on the same smooth curve
        assertEquals(at.expectedPurchases(39, c), new BgNbd(0.243, 4.414, 1 + 1e-12, 2.426).expectedPurchases(39, c),
                1e-8);
    }
}
