package dev.o2o.attribution.experiment;

/**
 * Result of a two-sample test of B against A.
 *
 * @param estimate         the estimated difference B - A (of proportions or means)
 * @param statistic        the test statistic (z or t)
 * @param degreesOfFreedom degrees of freedom of the t distribution, or infinity for a z-test
 * @param pValue           two-sided p-value
 * @param lower            lower bound of the confidence interval of {@code estimate}
 * @param upper            upper bound of the confidence interval of {@code estimate}
 *
 * <p>Immutable and thread-safe.
 */
public record TestResult(double estimate, double statistic, double degreesOfFreedom, double pValue, double lower,
                         double upper) {

    /** Whether the test rejects at level {@code alpha}. */
    public boolean significant(double alpha) {
        return pValue < alpha;
    }
}
