package dev.o2o.attribution.markov;

import java.util.Arrays;

/**
 * Solves the absorption probabilities {@code x = P x + b} of a {@link CanonicalChain} ({@code b} = one-step
 * conversion probability), optionally with some states made to lead to the null state (removal).
 *
 * <p>Gauss-Seidel sweeps over the sparse rows in depth-first post-order from the start state (an acyclic chain is
 * solved in one sweep), each state's self-loop solved in closed form, until no value changes by more than
 * {@value #TOLERANCE}. Then the residual {@code r = P x + b - x} bounds the error: {@code |x - x*| <= T |r|} in the
 * maximum norm, where {@code T = |(I - P)^-1|} is the largest expected number of steps before absorption from any
 * state. Removing states only shortens the walks, so the full chain's {@code T} bounds every removal's solution too.
 * {@link #errorBound()} is the largest such bound over all solves so far (up to the rounding in computing the
 * residual itself, a few ulps).
 *
 * <p>The systems are sparse and, for order 3 or 4, have thousands to a hundred thousand states, so a dense direct
 * solve would need far too much memory; the iteration needs only the sparse rows. Not thread-safe.
 */
final class AbsorbingSolver {

    static final double TOLERANCE = 1e-15;
    private static final int MAX_SWEEPS = 1_000_000;

    private final CanonicalChain chain;
    private final int[] sweepOrder;
    private final double expectedSteps;
    private double errorBound;

    AbsorbingSolver(CanonicalChain chain) {
        this.chain = chain;
        this.sweepOrder = postOrder(chain);
        this.expectedSteps = solveExpectedSteps();
    }

    /** The largest expected number of steps to absorption over all transient states. */
    double expectedSteps() {
        return expectedSteps;
    }

    /** The bound on the absolute error of every probability solved so far. */
    double errorBound() {
        return errorBound;
    }

    private static int[] postOrder(CanonicalChain c) {
        int n = c.stateCount;
        int[] out = new int[n];
        int count = 0;
        boolean[] seen = new boolean[n];
        int[] stack = new int[n];
        int[] next = new int[n];
        for (int root = 0; root < n; root++) {
            if (seen[root]) {
                continue;
            }
            int sp = 0;
            stack[sp++] = root;
            seen[root] = true;
            next[root] = c.rowStart[root];
            while (sp > 0) {
                int s = stack[sp - 1];
                if (next[s] < c.rowStart[s + 1]) {
                    int t = c.col[next[s]++];
                    if (!seen[t]) {
                        seen[t] = true;
                        next[t] = c.rowStart[t];
                        stack[sp++] = t;
                    }
                } else {
                    out[count++] = s;
                    sp--;
                }
            }
        }
        // start last: nothing leads back to it
        return out;
    }

    /**
     * Solves for the conversion probability of every state that is not {@code removed} (removed states stay 0),
     * starting from {@code x}, which holds the solution afterwards; returns the start state's value.
     */
    double solve(boolean[] removed, double[] x) {
        iterate(removed, x, chain.toConversion, TOLERANCE);
        double residual = 0;
        for (int s = 0; s < chain.stateCount; s++) {
            if (!removed[s]) {
                residual = Math.max(residual, Math.abs(row(s, x, chain.toConversion[s], true) - x[s]));
            }
        }
        errorBound = Math.max(errorBound, expectedSteps * residual);
        return x[0];
    }

    private double solveExpectedSteps() {
        double[] ones = new double[chain.stateCount];
        Arrays.fill(ones, 1);
        double[] t = new double[chain.stateCount];
        iterate(new boolean[chain.stateCount], t, ones, 1e-12);
        double max = 0;
        for (double v : t) {
            max = Math.max(max, v);
        }
        // the iteration approaches from below; a relative margin keeps the bound on the safe side
        return max * (1 + 1e-6);
    }

    /** {@code b[s] + sum over t of P[s][t] x[t]}, with the self-loop included or solved in closed form. */
    private double row(int s, double[] x, double b, boolean plain) {
        double sum = b;
        double self = 0;
        for (int e = chain.rowStart[s], end = chain.rowStart[s + 1]; e < end; e++) {
            int t = chain.col[e];
            if (t == s && !plain) {
                self += chain.prob[e];
            } else {
                sum += chain.prob[e] * x[t];
            }
        }
        return plain ? sum : sum / (1 - self);
    }

    private void iterate(boolean[] removed, double[] x, double[] b, double tolerance) {
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double maxDelta = 0;
            double maxValue = 0;
            for (int s : sweepOrder) {
                if (removed[s]) {
                    continue;
                }
                double v = row(s, x, b[s], false);
                maxDelta = Math.max(maxDelta, Math.abs(v - x[s]));
                maxValue = Math.max(maxValue, v);
                x[s] = v;
            }
            if (maxDelta <= tolerance * Math.max(1, maxValue)) {
                return;
            }
        }
        throw new IllegalStateException("Markov solve did not converge in " + MAX_SWEEPS + " sweeps");
    }
}
