package dev.o2o.testkit.data;

import java.time.Instant;
import java.util.Objects;

/**
 * Parameters of the synthetic retailer. The purchase process is BG/NBD (Fader, Hardie and
 * Lee 2005): while alive a customer buys at rate lambda ~ Gamma(r, alpha) per week and, after
 * each purchase, drops out with probability p ~ Beta(a, b). Spend per order follows the
 * Gamma-Gamma model: z ~ Gamma(p, nu) with nu ~ Gamma(q, v), so the mean spend of a customer
 * is p / nu yuan (CNY).
 *
 * <p>Immutable and thread-safe.
 *
 * @param customers       number of true customers, at least 1
 * @param seed            random seed; the same seed gives byte-identical files
 * @param stores          number of stores, at least 1
 * @param start           first instant of the observation window (cohort acquisition starts here)
 * @param weeks           length of the observation window in weeks, at least 2
 * @param acquisitionWeeks customers make their first purchase uniformly in the first this many weeks
 * @param r               BG/NBD shape of the purchase rate
 * @param alpha           BG/NBD rate (per week) of the purchase rate
 * @param a               BG/NBD dropout Beta a
 * @param b               BG/NBD dropout Beta b
 * @param p               Gamma-Gamma shape of one spend
 * @param q               Gamma-Gamma shape of the customer's spend rate
 * @param v               Gamma-Gamma rate of the customer's spend rate
 */
public record SyntheticConfig(int customers, long seed, int stores, Instant start, int weeks, int acquisitionWeeks,
                              double r, double alpha, double a, double b, double p, double q, double v) {

    public SyntheticConfig {
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1: " + customers);
        }
        if (stores < 1) {
            throw new IllegalArgumentException("stores must be at least 1: " + stores);
        }
        Objects.requireNonNull(start, "start");
        if (weeks < 2) {
            throw new IllegalArgumentException("weeks must be at least 2: " + weeks);
        }
        if (acquisitionWeeks < 1 || acquisitionWeeks >= weeks) {
            throw new IllegalArgumentException("acquisitionWeeks must be within 1.." + (weeks - 1) + ": " + acquisitionWeeks);
        }
        positive("r", r);
        positive("alpha", alpha);
        positive("a", a);
        positive("b", b);
        positive("p", p);
        positive("q", q);
        positive("v", v);
        if (q <= 1) {
            throw new IllegalArgumentException("q must be above 1 so that mean spend is finite: " + q);
        }
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number: " + value);
        }
    }

    /**
     * 20 stores in Shanghai, a 52-week window from 2026-01-05, a 12-week acquisition cohort,
     * BG/NBD r=0.9, alpha=6, a=0.7, b=3 and the CDNOW Gamma-Gamma spend (p=6.25, q=3.74, v=15.44).
     */
    public static SyntheticConfig defaults(int customers, long seed) {
        return new SyntheticConfig(customers, seed, 20, Instant.parse("2026-01-05T00:00:00Z"), 52, 12,
                0.9, 6.0, 0.7, 3.0, 6.25, 3.74, 15.44);
    }

    /** The mean spend per order implied by the Gamma-Gamma parameters, p v / (q - 1). */
    public double meanSpend() {
        return p * v / (q - 1);
    }
}
