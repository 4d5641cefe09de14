package dev.o2o.attribution.experiment;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;

import java.util.Objects;

/**
 * Frequentist statistics for A/B tests and holdouts. Group A is the control, B the variant; differences are B - A.
 * Confidence levels are fractions such as 0.95. Stateless and thread-safe.
 */
public final class Experiments {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private Experiments() {
    }

    private static double z(double upperTail) {
        return NORMAL.inverseCumulativeProbability(1 - upperTail);
    }

    private static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        }
    }

    private static void checkCounts(long successes, long trials, String group) {
        if (trials <= 0) {
            throw new IllegalArgumentException("trials of group " + group + " must be positive: " + trials);
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes of group " + group + " must be in [0, " + trials + "]: "
                    + successes);
        }
    }

    /**
     * Two-proportion z-test: the statistic uses the pooled proportion, the confidence interval of the difference
     * the unpooled (Wald) standard error.
     */
    public static TestResult twoProportionZTest(long successesA, long trialsA, long successesB, long trialsB,
                                                double confidence) {
        checkCounts(successesA, trialsA, "A");
        checkCounts(successesB, trialsB, "B");
        checkConfidence(confidence);
        double pa = (double) successesA / trialsA;
        double pb = (double) successesB / trialsB;
        // summed in double: trialsA + trialsB can overflow a long
        double pooled = ((double) successesA + successesB) / ((double) trialsA + trialsB);
        double sePooled = Math.sqrt(pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB));
        double diff = pb - pa;
        double stat = sePooled > 0 ? diff / sePooled : 0;
        double p = 2 * NORMAL.cumulativeProbability(-Math.abs(stat));
        double se = Math.sqrt(pa * (1 - pa) / trialsA + pb * (1 - pb) / trialsB);
        double half = z((1 - confidence) / 2) * se;
        return new TestResult(diff, stat, Double.POSITIVE_INFINITY, p, diff - half, diff + half);
    }

    /** Welch's unequal-variance t-test from raw samples (each of at least two values). */
    public static TestResult welchTTest(double[] a, double[] b, double confidence) {
        return welchTTest(SampleSummary.of(a), SampleSummary.of(b), confidence);
    }

    /** Welch's unequal-variance t-test from summaries, with the Welch-Satterthwaite degrees of freedom. */
    public static TestResult welchTTest(SampleSummary a, SampleSummary b, double confidence) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        checkConfidence(confidence);
        if (a.count() < 2 || b.count() < 2) {
            throw new IllegalArgumentException("each sample needs at least 2 values: " + a.count() + ", " + b.count());
        }
        double va = a.variance() / a.count();
        double vb = b.variance() / b.count();
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            throw new IllegalArgumentException("both samples have zero variance; the t statistic is undefined");
        }
        double diff = b.mean() - a.mean();
        double t = diff / se;
        double df = (va + vb) * (va + vb) / (va * va / (a.count() - 1) + vb * vb / (b.count() - 1));
        TDistribution dist = new TDistribution(null, df);
        double p = 2 * dist.cumulativeProbability(-Math.abs(t));
        double half = dist.inverseCumulativeProbability(1 - (1 - confidence) / 2) * se;
        return new TestResult(diff, t, df, p, diff - half, diff + half);
    }

    /** Pearson's chi-square test of independence on a contingency table of counts (at least 2 x 2). */
    public static ChiSquareResult chiSquareIndependence(long[][] table) {
        Objects.requireNonNull(table, "table");
        int rows = table.length;
        if (rows < 2) {
            throw new IllegalArgumentException("table needs at least 2 rows: " + rows);
        }
        int cols = table[0].length;
        if (cols < 2) {
            throw new IllegalArgumentException("table needs at least 2 columns: " + cols);
        }
        double[] rowSum = new double[rows];
        double[] colSum = new double[cols];
        double total = 0;
        for (int r = 0; r < rows; r++) {
            if (table[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + table[r].length + " columns, expected " + cols);
            }
            for (int c = 0; c < cols; c++) {
                if (table[r][c] < 0) {
                    throw new IllegalArgumentException("table[" + r + "][" + c + "] is negative: " + table[r][c]);
                }
                rowSum[r] += table[r][c];
                colSum[c] += table[r][c];
                total += table[r][c];
            }
        }
        for (int r = 0; r < rows; r++) {
            if (rowSum[r] == 0) {
                throw new IllegalArgumentException("row " + r + " is all zero");
            }
        }
        for (int c = 0; c < cols; c++) {
            if (colSum[c] == 0) {
                throw new IllegalArgumentException("column " + c + " is all zero");
            }
        }
        double stat = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double expected = rowSum[r] * colSum[c] / total;
                double d = table[r][c] - expected;
                stat += d * d / expected;
            }
        }
        int df = (rows - 1) * (cols - 1);
        // the upper tail directly: 1 - cdf is 0 for every p below about 1e-16
        double p = Gamma.regularizedGammaQ(df / 2.0, stat / 2);
        return new ChiSquareResult(stat, df, p);
    }

    private static void checkRates(double baseline, double mde) {
        if (!(baseline > 0 && baseline < 1)) {
            throw new IllegalArgumentException("baseline rate must be in (0, 1): " + baseline);
        }
        if (!(mde != 0 && baseline + mde > 0 && baseline + mde < 1)) {
            throw new IllegalArgumentException("minimum detectable effect must be non-zero with baseline + mde in (0, 1): "
                    + mde);
        }
    }

    private static void checkAlphaPower(double alpha, double power) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        }
        if (!(power > 0 && power < 1)) {
            throw new IllegalArgumentException("power must be in (0, 1): " + power);
        }
    }

    /**
     * Per-group sample size for a two-sided two-proportion test to detect an absolute difference {@code mde} from
     * {@code baseline} (Fleiss' formula without continuity correction), rounded up.
     */
    public static long sampleSizeForProportions(double baseline, double mde, double alpha, double power) {
        checkRates(baseline, mde);
        checkAlphaPower(alpha, power);
        double p1 = baseline;
        double p2 = baseline + mde;
        double mean = (p1 + p2) / 2;
        double a = z(alpha / 2) * Math.sqrt(2 * mean * (1 - mean));
        double b = z(1 - power) * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return perGroup((a + b) * (a + b) / (mde * mde), mde);
    }

    /**
     * A per-group size rounded up; one beyond a long is refused, where the cast would saturate to
     * {@code Long.MAX_VALUE} and pass for an answer.
     */
    private static long perGroup(double size, double mde) {
        double up = Math.ceil(size - 1e-9);
        if (!(up < 0x1p63)) {
            throw new IllegalArgumentException("mde (minimum detectable effect) " + mde + " needs " + size
                    + " subjects per group, more than a long holds");
        }
        return (long) up;
    }

    /** Power of the two-sided two-proportion test with {@code perGroup} subjects per group (same formula). */
    public static double powerForProportions(double baseline, double mde, double alpha, long perGroup) {
        checkRates(baseline, mde);
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        }
        if (perGroup < 1) {
            throw new IllegalArgumentException("perGroup must be positive: " + perGroup);
        }
        double p1 = baseline;
        double p2 = baseline + mde;
        double mean = (p1 + p2) / 2;
        double x = (Math.abs(mde) * Math.sqrt(perGroup) - z(alpha / 2) * Math.sqrt(2 * mean * (1 - mean)))
                / Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return NORMAL.cumulativeProbability(x);
    }

    /** Per-group sample size to detect a difference {@code mde} of means with common standard deviation {@code sd}. */
    public static long sampleSizeForMeans(double sd, double mde, double alpha, double power) {
        if (!(sd > 0) || Double.isInfinite(sd)) {
            throw new IllegalArgumentException("sd must be positive and finite: " + sd);
        }
        if (mde == 0 || !Double.isFinite(mde)) {
            throw new IllegalArgumentException("mde must be non-zero and finite: " + mde);
        }
        checkAlphaPower(alpha, power);
        double s = z(alpha / 2) + z(1 - power);
        return perGroup(2 * sd * sd * s * s / (mde * mde), mde);
    }

    /**
     * Relative lift {@code rateB / rateA - 1} with a confidence interval from the log risk ratio (Katz). Needs at
     * least one success in each group.
     */
    public static Interval relativeLift(long successesA, long trialsA, long successesB, long trialsB, double confidence) {
        checkCounts(successesA, trialsA, "A");
        checkCounts(successesB, trialsB, "B");
        checkConfidence(confidence);
        if (successesA == 0 || successesB == 0) {
            throw new IllegalArgumentException("relative lift needs at least one success in each group: A="
                    + successesA + ", B=" + successesB);
        }
        double logRatio = Math.log((double) successesB / trialsB) - Math.log((double) successesA / trialsA);
        double se = Math.sqrt(1.0 / successesB - 1.0 / trialsB + 1.0 / successesA - 1.0 / trialsA);
        double half = z((1 - confidence) / 2) * se;
        return new Interval(Math.expm1(logRatio), Math.expm1(logRatio - half), Math.expm1(logRatio + half));
    }

    /**
     * Incrementality of a campaign from a randomized holdout: incremental conversions among the treated
     * ({@code conversions - treated * holdoutRate}) with an interval from the Wald interval of the rate difference,
     * and the relative lift, which needs at least one conversion in each group.
     */
    public static Incrementality incrementality(long treatedConversions, long treated, long holdoutConversions,
                                                long holdout, double confidence) {
        TestResult diff = twoProportionZTest(holdoutConversions, holdout, treatedConversions, treated, confidence);
        // checked here so that the message speaks of the holdout and the treated, not of relativeLift's A and B
        if (holdoutConversions == 0 || treatedConversions == 0) {
            throw new IllegalArgumentException("the relative lift of incrementality needs at least one conversion in"
                    + " each group: holdoutConversions=" + holdoutConversions + ", treatedConversions="
                    + treatedConversions);
        }
        Interval inc = new Interval(treated * diff.estimate(), treated * diff.lower(), treated * diff.upper());
        Interval lift = relativeLift(holdoutConversions, holdout, treatedConversions, treated, confidence);
        return new Incrementality(inc, lift);
    }
}
