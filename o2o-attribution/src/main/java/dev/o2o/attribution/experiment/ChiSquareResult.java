package dev.o2o.attribution.experiment;

/**
 * Result of a chi-square test of independence.
 *
 * @param statistic        Pearson's chi-square statistic
 * @param degreesOfFreedom (rows - 1) * (columns - 1)
 * @param pValue           upper-tail p-value
 *
 * <p>Immutable and thread-safe.
 */
public record ChiSquareResult(double statistic, int degreesOfFreedom, double pValue) {
}
