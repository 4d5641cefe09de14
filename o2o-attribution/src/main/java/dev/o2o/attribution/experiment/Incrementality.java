package dev.o2o.attribution.experiment;

/**
 * Incremental conversions of a treated group measured against a holdout group.
 *
 * @param incrementalConversions treated conversions minus the conversions expected at the holdout rate, with a
 *                               confidence interval
 * @param relativeLift           treated rate over holdout rate minus 1, with a confidence interval
 *
 * <p>Immutable and thread-safe.
 */
public record Incrementality(Interval incrementalConversions, Interval relativeLift) {
}
