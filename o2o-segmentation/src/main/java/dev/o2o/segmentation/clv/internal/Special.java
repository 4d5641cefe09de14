package dev.o2o.segmentation.clv.internal;

import org.apache.commons.math3.special.Gamma;

/**
 * Special functions for the CLV models, in log space where values can overflow.
 *
 * <p>Stateless and thread-safe. Internal: not part of the public API.
 */
public final class Special {

    /** Upper bound on series terms; reached only for z extremely close to 1. */
    static final int MAX_TERMS = 2_000_000;

    private Special() {
    }

    public static double logGamma(double x) {
        return Gamma.logGamma(x);
    }

    public static double digamma(double x) {
        return Gamma.digamma(x);
    }

    /** {@code ln(exp(u) + exp(v))} without overflow. */
    public static double logSumExp(double u, double v) {
        if (u == Double.NEGATIVE_INFINITY) {
            return v;
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return u;
        }
        double m = Math.max(u, v);
        return m + Math.log1p(Math.exp(-Math.abs(u - v)));
    }

    /** {@code ln(exp(u) - exp(v))} for {@code u >= v}; negative infinity when equal. */
    public static double logDiffExp(double u, double v) {
        if (v > u) {
            throw new IllegalArgumentException("logDiffExp needs u >= v, got " + u + " < " + v);
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return u;
        }
        double d = v - u;
        // log1p(-exp(d)) loses precision for d near 0; log(-expm1(d)) is accurate there.
        return u + (d > -0.693 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
    }

    /**
     * The natural log of the Gauss hypergeometric function {@code 2F1(a, b; c; z)} for
     * {@code a, b, c > 0} and {@code 0 <= z < 1}, where every series term is positive.
     *
     * <p>Two representations are available: the direct series and Euler's transformation
     * {@code (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z)}, whose series is positive when
     * {@code c > a} and {@code c > b}. The transformed series is preferred when it applies:
     * its terms never grow (for {@code c = a + 1}, as in the Pareto/NBD likelihood, they are
     * bounded by {@code z^n}), so customers with hundreds of purchases neither overflow nor
     * need long sums. The direct series is summed with a running scale, so its terms may
     * exceed the double range without overflow.
     *
     * @throws IllegalArgumentException for parameters outside the domain
     * @throws ArithmeticException if the series has not converged after {@value #MAX_TERMS} terms
     */
    public static double log2F1(double a, double b, double c, double z) {
        if (!(a > 0) || !(b > 0) || !(c > 0) || !(z >= 0) || !(z < 1)) {
            throw new IllegalArgumentException("log2F1 needs a, b, c > 0 and 0 <= z < 1, got a=" + a + " b=" + b
                    + " c=" + c + " z=" + z);
        }
        if (z == 0) {
            return 0;
        }
        if (c > a && c > b && (c - a) * (c - b) < a * b) {
            return (c - a - b) * Math.log1p(-z) + logSeries(c - a, c - b, c, z);
        }
        return logSeries(a, b, c, z);
    }

    /** Log of the positive series sum_n (a)_n (b)_n / ((c)_n n!) z^n, summed with a running scale. */
    private static double logSeries(double a, double b, double c, double z) {
        double logScale = 0;
        double term = 1;
        double sum = 1;
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            if (sum > 1e250) {
                sum *= 1e-250;
                term *= 1e-250;
                logScale += 250 * Math.log(10);
            }
            // The term ratio tends to z; once below 1, the tail is bounded by a geometric series
            // with ratio max(current, z).
            double q = Math.max(ratio, z);
            if (q < 1 && term * q <= 1e-17 * sum * (1 - q)) {
                return logScale + Math.log(sum);
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in "
                + MAX_TERMS + " terms");
    }
}
