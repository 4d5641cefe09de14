package dev.o2o.attribution.experiment;

/**
 * An estimate with a confidence interval.
 *
 * @param estimate point estimate
 * @param lower    lower bound
 * @param upper    upper bound
 *
 * <p>Immutable and thread-safe.
 */
public record Interval(double estimate, double lower, double upper) {

    /** Validates the bounds. */
    public Interval {
        if (!(lower <= estimate && estimate <= upper)) {
            throw new IllegalArgumentException("interval must satisfy lower <= estimate <= upper: " + lower + ", "
                    + estimate + ", " + upper);
        }
    }
}
