package dev.o2o.segmentation.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParetoNbdTest {

    @Test
    void fitsCdnowToPublishedValues() {
        ModelFit<ParetoNbd> fit = ParetoNbd.fit(Cdnow.summary());
        ParetoNbd m = fit.model();
        System.out.println(fit);
        assertEquals(0.553, m.r(), 0.553 * 0.01);
        assertEquals(10.578, m.alpha(), 10.578 * 0.01);
        assertEquals(0.606, m.s(), 0.606 * 0.01);
        assertEquals(11.669, m.beta(), 11.669 * 0.01);
        assertEquals(-9594.98, fit.logLikelihood(), 0.01);
        for (double se : fit.standardErrors()) {
            assertTrue(se > 0 && Double.isFinite(se));
        }
    }

    @Test
    void recoversSimulatedParametersWithinStandardErrors() {
        ParetoNbd truth = new ParetoNbd(0.55, 10.5, 0.6, 12);
        ModelFit<ParetoNbd> fit = ParetoNbd.fit(truth.simulate(20_000, 52, 7L));
        System.out.println(fit);
        for (int i = 0; i < 4; i++) {
            double est = fit.estimates().get(i);
            double se = fit.standardErrors().get(i);
            double t = truth.parameters().get(i);
            assertTrue(Math.abs(est - t) <= 2 * se, fit.parameterNames().get(i) + " " + est + " vs " + t + " se " + se);
        }
    }

    @Test
    void heavyBuyersDoNotOverflow() {
        ParetoNbd m = new ParetoNbd(0.553, 10.578, 0.606, 11.669);
        for (int x : new int[] {100, 500, 2000}) {
            for (double tx : new double[] {1, 30, 38, 38.99}) {
                CustomerSummary c = new CustomerSummary(x, tx, 39);
                double ll = m.logLikelihood(c);
                assertTrue(Double.isFinite(ll), "x=" + x + " ll=" + ll);
                double alive = m.probabilityAlive(c);
                assertEquals(aliveByQuadrature(m, c), alive, 1e-7, "x=" + x + " t_x=" + tx);
            }
        }
        // alpha < beta reverses the branch: also finite
        ParetoNbd other = new ParetoNbd(2, 0.5, 3, 40);
        assertTrue(Double.isFinite(other.logLikelihood(new CustomerSummary(800, 30, 39))));
    }

    /**
     * P(alive) from the integral form of the likelihood, by Simpson's rule in log space, as an
     * independent check of the hypergeometric route.
     */
    static double aliveByQuadrature(ParetoNbd m, CustomerSummary c) {
        int n = 200_000;
        double a = c.recency();
        double t = c.age();
        double h = (t - a) / n;
        double rx = m.r() + c.frequency();
        double ref = -rx * Math.log(m.alpha() + a) - (m.s() + 1) * Math.log(m.beta() + a);
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double tau = a + i * h;
            double f = Math.exp(-rx * Math.log(m.alpha() + tau) - (m.s() + 1) * Math.log(m.beta() + tau) - ref);
            sum += (i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2)) * f;
        }
        double logIntegral = Math.log(m.s() * sum * h / 3) + ref;
        double logFirst = -rx * Math.log(m.alpha() + t) - m.s() * Math.log(m.beta() + t);
        return 1 / (1 + Math.exp(logIntegral - logFirst));
    }

    @Test
    void expectationsAreConsistent() {
        ParetoNbd m = new ParetoNbd(0.553, 10.578, 0.606, 11.669);
        // A new customer (x = 0, observed for a vanishing time) forecasts like the population.
        double pop = m.expectedPurchases(39);
        double cond = m.expectedPurchases(39, new CustomerSummary(0, 0, 1e-9));
        assertEquals(pop, cond, 1e-6);
        assertEquals(1, m.probabilityAlive(new CustomerSummary(3, 20, 20)), 0.0);
        // s = 1 limit is continuous
        double below = new ParetoNbd(0.5, 10, 1 - 1e-9, 12).expectedPurchases(10);
        double at = new ParetoNbd(0.5, 10, 1, 12).expectedPurchases(10);
        assertEquals(below, at, 1e-7);
        // a closed form in log(beta / (beta + t)), no hypergeometric term: even 1e17 forecasts, and grows
        assertTrue(m.expectedPurchases(1e17) > m.expectedPurchases(1e16));
        CustomerSummary c = new CustomerSummary(2, 30.43, 38.86);
        assertTrue(m.expectedPurchases(1e17, c) > m.expectedPurchases(1e16, c));
    }
}
