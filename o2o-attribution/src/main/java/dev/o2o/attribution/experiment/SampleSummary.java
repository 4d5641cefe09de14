package dev.o2o.attribution.experiment;

import java.util.Objects;

/**
 * Count, mean and unbiased variance of a sample; summaries of parts merge exactly (Chan et al.), so they can be
 * computed per partition.
 *
 * @param count    number of values
 * @param mean     arithmetic mean (0 for an empty sample)
 * @param variance unbiased sample variance (0 for fewer than two values)
 *
 * <p>Immutable and thread-safe.
 */
public record SampleSummary(long count, double mean, double variance) {

    /** Validates the summary. */
    public SampleSummary {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (!Double.isFinite(mean) || !(variance >= 0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException("mean must be finite and variance finite and non-negative: " + mean
                    + ", " + variance);
        }
        // merge ignores the variance of fewer than two values: a non-zero one would be dropped silently
        if (count < 2 && variance != 0) {
            throw new IllegalArgumentException("variance must be 0 for fewer than two values (count " + count
                    + "): " + variance);
        }
        if (count == 0 && mean != 0) {
            throw new IllegalArgumentException("mean must be 0 for an empty sample: " + mean);
        }
    }

    /** Summarizes values with Welford's stable update. */
    public static SampleSummary of(double[] values) {
        Objects.requireNonNull(values, "values");
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("values[" + i + "] is not finite: " + x);
            }
            double d = x - mean;
            mean += d / (i + 1);
            m2 += d * (x - mean);
        }
        return new SampleSummary(values.length, mean, values.length > 1 ? m2 / (values.length - 1) : 0);
    }

    /** The summary of both samples together. */
    public SampleSummary merge(SampleSummary other) {
        Objects.requireNonNull(other, "other");
        long n = count + other.count;
        if (n == 0) {
            return this;
        }
        double d = other.mean - mean;
        double mean2 = mean + d * other.count / n;
        double m2 = variance * Math.max(0, count - 1) + other.variance * Math.max(0, other.count - 1)
                + d * d * count * other.count / n;
        return new SampleSummary(n, mean2, n > 1 ? m2 / (n - 1) : 0);
    }
}
