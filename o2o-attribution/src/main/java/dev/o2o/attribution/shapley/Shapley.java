package dev.o2o.attribution.shapley;

import java.util.Objects;

/**
 * Exact Shapley values of small cooperative games given by their coalition values. Coalitions are bit masks:
 * bit {@code i} set means player {@code i} is in the coalition; {@code values[0]} is the empty coalition.
 *
 * <p>An implementation detail of {@link ShapleyAttribution}. Stateless and thread-safe.
 */
final class Shapley {

    /** Largest number of players for exact computation. */
    static final int MAX_EXACT_PLAYERS = 24;

    private Shapley() {
    }

    /**
     * The Shapley values, computed as {@code phi_i = sum over S without i of w(|S|) (v(S + i) - v(S))} with
     * {@code w(s) = s! (n - s - 1)! / n!}: {@code O(2^n n)} time, all weights positive (no cancellation).
     *
     * @param players number of players, 1 to {@value #MAX_EXACT_PLAYERS}
     * @param values  coalition values, length {@code 2^players}
     */
    static double[] exact(int players, double[] values) {
        Objects.requireNonNull(values, "values");
        if (players < 1 || players > MAX_EXACT_PLAYERS) {
            throw new IllegalArgumentException("players must be between 1 and " + MAX_EXACT_PLAYERS + ": " + players);
        }
        if (values.length != 1 << players) {
            throw new IllegalArgumentException("values must have 2^" + players + " = " + (1 << players)
                    + " entries, not " + values.length);
        }
        double[] weight = weights(players);
        double[] phi = new double[players];
        int full = 1 << players;
        for (int i = 0; i < players; i++) {
            int bit = 1 << i;
            double acc = 0;
            for (int s = 0; s < full; s++) {
                if ((s & bit) == 0) {
                    acc += weight[Integer.bitCount(s)] * (values[s | bit] - values[s]);
                }
            }
            phi[i] = acc;
        }
        return phi;
    }

    /** {@code w(s) = 1 / (n * C(n-1, s))} for s = 0..n-1. */
    static double[] weights(int n) {
        double[] w = new double[n];
        double binom = 1; // C(n-1, s)
        for (int s = 0; s < n; s++) {
            w[s] = 1.0 / (n * binom);
            binom = binom * (n - 1 - s) / (s + 1);
        }
        return w;
    }

    /**
     * In-place zeta (subset-sum) transform: afterwards {@code f[S] = sum of the original f[T] over T contained in S}.
     * {@code O(2^n n)}.
     */
    static void zeta(double[] f, int players) {
        for (int i = 0; i < players; i++) {
            int bit = 1 << i;
            for (int s = 0; s < f.length; s++) {
                if ((s & bit) != 0) {
                    f[s] += f[s ^ bit];
                }
            }
        }
    }
}
