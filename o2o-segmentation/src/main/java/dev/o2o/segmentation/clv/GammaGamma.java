package dev.o2o.segmentation.clv;

import dev.o2o.segmentation.clv.internal.Special;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The Gamma-Gamma model of average transaction value: Fader, Hardie and Lee (2005), "RFM and
 * CLV: Using Iso-Value Curves for Customer Base Analysis", Journal of Marketing Research 42(4),
 * and Fader and Hardie's note "The Gamma-Gamma Model of Monetary Value" (2013).
 *
 * <p>A customer's transaction values are Gamma with shape {@code p} and a customer-specific
 * rate {@code nu}, which is itself Gamma with shape {@code q} and rate {@code v} across
 * customers. Spend is assumed independent of the purchase process. Published estimates for
 * the 946 CDNOW repeat customers: p 6.25, q 3.74, v 15.44.
 *
 * <p>Immutable and thread-safe.
 *
 * @param p shape of the transaction-value Gamma, {@code > 0}
 * @param q shape of the Gamma over customers' rates, {@code > 0}
 * @param v rate of the Gamma over customers' rates, in currency units, {@code > 0}
 */
public record GammaGamma(double p, double q, double v) {

    private static final List<String> NAMES = List.of("p", "q", "v");

    public GammaGamma {
        Params.positive("Gamma-Gamma", "p", p);
        Params.positive("Gamma-Gamma", "q", q);
        Params.positive("Gamma-Gamma", "v", v);
    }

    /** Fits by maximum likelihood with {@link FitOptions#defaults()}. */
    public static ModelFit<GammaGamma> fit(SpendData data) {
        return fit(data, FitOptions.defaults());
    }

    /**
     * Fits by maximum likelihood on log-parameters with the analytic gradient.
     *
     * @throws ConvergenceException if no optimum is reached
     */
    public static ModelFit<GammaGamma> fit(SpendData data, FitOptions options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        // The model is scale-equivariant: mean values c times larger fit to v c times larger, the same p
        // and q, and a log-likelihood n ln c lower. Mean values so large that v + x zbar could overflow
        // are fitted in a unit that brings the largest to [1, 2) (a power of two, so exactly) and
        // scaled back; all others as they are.
        double scale = unitScale(data);
        SpendData fitted = scaled(data, scale);
        Mle.Estimate e = Mle.fit("Gamma-Gamma", NAMES, (p, g) -> logLik(fitted, p, g), new double[3], options, true);
        double[] th = e.theta().clone();
        double[] se = e.standardErrors().clone();
        th[2] /= scale;
        se[2] /= scale;
        double logLikelihood = e.logLikelihood() + data.size() * Math.log(scale);
        return new ModelFit<>(new GammaGamma(th[0], th[1], th[2]), logLikelihood, NAMES, Mle.list(th),
                Mle.list(se), e.iterations(), data.size());
    }

    /** Mean values up to this are fitted in their own unit; see {@link #fit(SpendData, FitOptions)}. */
    private static final double MAX_UNSCALED_MEAN = 1e100;

    /** 1, or the power of two that brings the largest mean value to [1, 2) if it is above {@link #MAX_UNSCALED_MEAN}. */
    private static double unitScale(SpendData data) {
        double max = Arrays.stream(data.zbar).max().orElseThrow();
        return max > MAX_UNSCALED_MEAN ? Math.scalb(1.0, -Math.getExponent(max)) : 1;
    }

    private static SpendData scaled(SpendData data, double scale) {
        return scale == 1 ? data : SpendData.of(data.x, Arrays.stream(data.zbar).map(z -> z * scale).toArray());
    }

    static double logLik(SpendData d, double[] lp, double[] g) {
        double p = Math.exp(lp[0]);
        double q = Math.exp(lp[1]);
        double v = Math.exp(lp[2]);
        double lgq = Special.logGamma(q);
        double dgq = g == null ? 0 : Special.digamma(q);
        double lnV = Math.log(v);
        double sum = 0;
        double gp = 0;
        double gq = 0;
        double gv = 0;
        for (int i = 0; i < d.x.length; i++) {
            double x = d.x[i];
            double z = d.zbar[i];
            double px = p * x;
            double lnVxz = Math.log(v + x * z);
            double lnX = Math.log(x);
            double lnZ = Math.log(z);
            sum += Special.logGamma(px + q) - Special.logGamma(px) - lgq + q * lnV + (px - 1) * lnZ + px * lnX
                    - (px + q) * lnVxz;
            if (g != null) {
                double dpq = Special.digamma(px + q);
                gp += x * (dpq - Special.digamma(px) + lnZ + lnX - lnVxz);
                gq += dpq - dgq + lnV - lnVxz;
                gv += q / v - (px + q) / (v + x * z);
            }
        }
        if (g != null) {
            g[0] = gp * p;
            g[1] = gq * q;
            g[2] = gv * v;
        }
        return sum;
    }

    /** The parameter names {@code p, q, v}. */
    public List<String> parameterNames() {
        return NAMES;
    }

    /** The total log-likelihood of a data set. */
    public double logLikelihood(SpendData data) {
        // in the unit fit uses, so that v + x zbar cannot overflow (see fit)
        double scale = unitScale(data);
        return logLik(scaled(data, scale), new double[] {Math.log(p), Math.log(q), Math.log(v * scale)}, null)
                + data.size() * Math.log(scale);
    }

    /** The population mean transaction value {@code p v / (q - 1)}; needs {@code q > 1}. */
    public double meanSpend() {
        requireQ();
        return p * v / (q - 1);
    }

    /**
     * The expected average transaction value of a customer with {@code frequency} repeat
     * purchases of mean value {@code meanValue}: a weighted mean of the population mean and the
     * customer's own mean, {@code p (v + x zbar) / (p x + q - 1)}, which needs {@code p x + q > 1}. A
     * customer without repeat purchases gets the population mean, which needs {@code q > 1}.
     *
     * @throws IllegalStateException    if the needed condition on the parameters does not hold
     * @throws IllegalArgumentException if {@code meanValue} is not finite and positive (with repeat
     *                                  purchases), or the expected spend is beyond the double range
     */
    public double expectedAverageSpend(int frequency, double meanValue) {
        if (frequency < 0) {
            throw new IllegalArgumentException("frequency must be >= 0, got " + frequency);
        }
        if (frequency > 0 && (!(meanValue > 0) || !Double.isFinite(meanValue))) {
            throw new IllegalArgumentException("meanValue must be finite and > 0, got " + meanValue);
        }
        if (frequency == 0) {
            return meanSpend();
        }
        // the customer's rate is Gamma(p x + q, v + x zbar) a posteriori: its mean spend needs p x + q > 1, not q > 1
        double shape = p * frequency + q;
        if (!(shape > 1)) {
            throw new IllegalStateException("the expected spend of a customer with " + frequency
                    + " repeat purchases exists only for p x + q > 1, got " + shape);
        }
        double spend = p * (v + frequency * meanValue) / (shape - 1);
        if (Double.isInfinite(spend)) {
            // v + x zbar overflowed: the same value as weights on v and on zbar, which overflows only
            // if the value itself is beyond the double range (a weight above 1, when q < 1)
            spend = p / (shape - 1) * v + p * frequency / (shape - 1) * meanValue;
            if (Double.isInfinite(spend)) {
                throw new IllegalArgumentException("the expected spend of a customer with " + frequency
                        + " repeat purchases and meanValue " + meanValue + " is beyond the double range");
            }
        }
        return spend;
    }

    private void requireQ() {
        if (q <= 1) {
            throw new IllegalStateException("the mean spend exists only for q > 1, got q = " + q);
        }
    }
}
