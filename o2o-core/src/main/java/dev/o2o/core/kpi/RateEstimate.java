package dev.o2o.core.kpi;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A proportion {@code successes / trials} with its Wilson score interval (Wilson 1927), which,
 * unlike the normal-approximation ("Wald") interval, stays inside [0, 1] and keeps its coverage
 * for small samples and rates near 0 or 1:
 * <pre>
 *   centre = (p + z^2 / 2n) / (1 + z^2 / n)
 *   half   = z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / 4n^2)
 * </pre>
 * where z is the standard normal quantile of {@code 1 - (1 - confidence) / 2}. With no trials the
 * rate is NaN and the interval is [0, 1].
 *
 * <p>Immutable and thread-safe.
 *
 * @param successes  counted successes, 0..trials
 * @param trials     counted trials, at least 0
 * @param confidence confidence level of the interval, in (0, 1)
 * @param rate       successes / trials
 * @param lower      lower bound of the interval
 * @param upper      upper bound of the interval
 */
public record RateEstimate(long successes, long trials, double confidence, double rate, double lower, double upper) {

    /** The usual 95% confidence level. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    public RateEstimate {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got successes=" + successes
                    + ", trials=" + trials);
        }
        requireConfidence(confidence);
    }

    static void requireConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        }
    }

    /** The standard normal quantile for a two-sided interval at this confidence. */
    static double z(double confidence) {
        requireConfidence(confidence);
        return new NormalDistribution(0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    /** The rate with its Wilson interval at the given confidence. */
    public static RateEstimate wilson(long successes, long trials, double confidence) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got successes=" + successes
                    + ", trials=" + trials);
        }
        double z = z(confidence);
        if (trials == 0) {
            return new RateEstimate(0, 0, confidence, Double.NaN, 0, 1);
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denom;
        double half = z / denom * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // the bounds are exact at 0 and 1; clamp the rounding noise there
        double lower = successes == 0 ? 0 : Math.max(0, centre - half);
        double upper = successes == trials ? 1 : Math.min(1, centre + half);
        return new RateEstimate(successes, trials, confidence, p, lower, upper);
    }

    /** The rate with its 95% Wilson interval. */
    public static RateEstimate wilson(long successes, long trials) {
        return wilson(successes, trials, DEFAULT_CONFIDENCE);
    }
}
