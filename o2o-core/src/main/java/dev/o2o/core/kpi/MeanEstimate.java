package dev.o2o.core.kpi;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A sample mean with its Student-t confidence interval:
 * <pre>
 *   mean +- t(1 - (1 - confidence) / 2, n - 1) * s / sqrt(n)
 * </pre>
 * with {@code s} the sample standard deviation (divisor {@code n - 1}). The interval assumes independent values and
 * a mean that is about normally distributed (true for large {@code n} by the central limit theorem; order values are
 * skewed, so treat intervals from a few dozen orders as approximate). It equals
 * {@code scipy.stats.t.interval(confidence, n - 1, loc=mean, scale=s / sqrt(n))}. A single value has no spread: its
 * standard deviation is NaN and its interval is the whole real line.
 *
 * <p>Immutable and thread-safe.
 *
 * @param count             the number of values, at least 1
 * @param mean              their arithmetic mean
 * @param standardDeviation the sample standard deviation (NaN for one value)
 * @param confidence        confidence level of the interval, in (0, 1)
 * @param lower             lower bound of the interval
 * @param upper             upper bound of the interval
 */
public record MeanEstimate(long count, double mean, double standardDeviation, double confidence, double lower,
                           double upper) {

    /** Validates the estimate. */
    public MeanEstimate {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        RateEstimate.requireConfidence(confidence);
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite: " + mean);
        }
        if (!(lower <= mean && mean <= upper)) {
            throw new IllegalArgumentException("need lower <= mean <= upper, got " + lower + ", " + mean + ", "
                    + upper);
        }
    }

    /** The standard error of the mean, {@code s / sqrt(n)} (NaN for one value). */
    public double standardError() {
        return standardDeviation / Math.sqrt(count);
    }

    /** The 95% estimate of {@code values}. */
    public static MeanEstimate of(double... values) {
        return of(values, RateEstimate.DEFAULT_CONFIDENCE);
    }

    /**
     * The estimate of {@code values} at {@code confidence}.
     *
     * @throws IllegalArgumentException if there is no value or one is not finite
     */
    public static MeanEstimate of(double[] values, double confidence) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values must not be empty: a mean needs at least one");
        }
        Accumulator a = new Accumulator();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("values[" + i + "] must be finite: " + values[i]);
            }
            a.add(values[i]);
        }
        return a.estimate(confidence);
    }

    /**
     * The mergeable sufficient statistic of a mean: count, mean and sum of squared deviations, updated by Welford's
     * method and merged by Chan et al.'s formula, so that partitions are summarised apart and merged (two halves
     * merged equal the whole up to rounding). Not thread-safe: one per thread, then {@link #merge}.
     */
    public static final class Accumulator {
        private long count;
        private double mean;
        private double squaredDeviations;

        /** Adds one finite value. */
        public Accumulator add(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("value must be finite: " + value);
            }
            count++;
            double delta = value - mean;
            mean += delta / count;
            squaredDeviations += delta * (value - mean);
            return this;
        }

        /** Adds the values summarised by {@code other} (which is left unchanged). */
        public Accumulator merge(Accumulator other) {
            if (other.count == 0) {
                return this;
            }
            long n = count + other.count;
            double delta = other.mean - mean;
            squaredDeviations += other.squaredDeviations + delta * delta * ((double) count * other.count / n);
            mean += delta * other.count / n;
            count = n;
            return this;
        }

        /** Values added so far. */
        public long count() {
            return count;
        }

        /**
         * The estimate at {@code confidence}.
         *
         * @throws IllegalStateException if no value was added
         */
        public MeanEstimate estimate(double confidence) {
            RateEstimate.requireConfidence(confidence);
            if (count == 0) {
                throw new IllegalStateException("no values: a mean needs at least one");
            }
            if (count == 1) {
                return new MeanEstimate(1, mean, Double.NaN, confidence, Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY);
            }
            double sd = Math.sqrt(squaredDeviations / (count - 1));
            double t = new TDistribution(null, count - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
            double half = t * sd / Math.sqrt(count);
            return new MeanEstimate(count, mean, sd, confidence, mean - half, mean + half);
        }

        /** The 95% estimate. */
        public MeanEstimate estimate() {
            return estimate(RateEstimate.DEFAULT_CONFIDENCE);
        }
    }
}
