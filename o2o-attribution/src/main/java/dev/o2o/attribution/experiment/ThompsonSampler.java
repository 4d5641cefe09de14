package dev.o2o.attribution.experiment;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Thompson sampling over Bernoulli arms with Beta(1 + successes, 1 + failures) posteriors: each {@link #choose()}
 * draws one rate per arm and returns the arm with the highest draw. Seeded, so a run is reproducible.
 *
 * <p>Not thread-safe: use one instance per thread or synchronize externally.
 */
public final class ThompsonSampler {

    private final long[] successes;
    private final long[] failures;
    private final RandomGenerator random;

    private ThompsonSampler(int arms, long seed) {
        if (arms < 2) {
            throw new IllegalArgumentException("arms must be at least 2: " + arms);
        }
        successes = new long[arms];
        failures = new long[arms];
        random = new Well19937c(seed);
    }

    /** A sampler over {@code arms} arms with uniform priors, drawing from a generator seeded with {@code seed}. */
    public static ThompsonSampler create(int arms, long seed) {
        return new ThompsonSampler(arms, seed);
    }

    /** Number of arms. */
    public int arms() {
        return successes.length;
    }

    private void checkArm(int arm) {
        if (arm < 0 || arm >= successes.length) {
            throw new IllegalArgumentException("arm must be in [0, " + successes.length + "): " + arm);
        }
    }

    /** Records one outcome of {@code arm}. */
    public void update(int arm, boolean success) {
        checkArm(arm);
        if (success) {
            successes[arm]++;
        } else {
            failures[arm]++;
        }
    }

    /** Successes recorded for {@code arm}. */
    public long successes(int arm) {
        checkArm(arm);
        return successes[arm];
    }

    /** Failures recorded for {@code arm}. */
    public long failures(int arm) {
        checkArm(arm);
        return failures[arm];
    }

    /** Posterior mean rate of {@code arm}. */
    public double posteriorMean(int arm) {
        checkArm(arm);
        return (1.0 + successes[arm]) / (2.0 + successes[arm] + failures[arm]);
    }

    /** The arm to serve next (ties go to the lower index). */
    public int choose() {
        int best = 0;
        double bestDraw = -1;
        for (int a = 0; a < successes.length; a++) {
            double draw = new BetaDistribution(random, 1.0 + successes[a], 1.0 + failures[a]).sample();
            if (draw > bestDraw) {
                bestDraw = draw;
                best = a;
            }
        }
        return best;
    }

    /** Estimated probability of each arm being best, from {@code draws} joint posterior draws (the allocation). */
    public double[] allocation(int draws) {
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be positive: " + draws);
        }
        double[] share = new double[successes.length];
        for (int i = 0; i < draws; i++) {
            share[choose()] += 1.0 / draws;
        }
        return share;
    }
}
