package dev.o2o.segmentation.clv.internal;

import org.apache.commons.math3.special.Gamma;

import java.util.Arrays;

/**
 * Special functions for the CLV models, in log space where values can overflow.
 *
 * <p>Stateless and thread-safe. Internal: not part of the public API.
 */
public final class Special {

    /**
     * Series terms tried before the integral is used instead; the series needs this many only for
     * z close to 1 with small parameters (about 1 - z below 1e-4).
     */
    static final int TERMS_BEFORE_INTEGRAL = 100_000;

    /** Upper bound on series terms where the integral does not apply (c not above a or b). */
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
     * <p>Close to {@code z = 1} with small parameters the series converge too slowly (their
     * terms fall like {@code z^n}); after {@value #TERMS_BEFORE_INTEGRAL} terms Euler's integral
     * is evaluated instead, by double-exponential (tanh-sinh) quadrature in log space, which
     * needs {@code c} greater than {@code a} or {@code b} (true of every 2F1 in the Pareto/NBD
     * likelihood, where {@code c = a + 1}).
     *
     * @throws IllegalArgumentException for parameters outside the domain
     * @throws ArithmeticException if neither the series converged nor the integral applies
     */
    public static double log2F1(double a, double b, double c, double z) {
        if (!(a > 0) || !(b > 0) || !(c > 0) || !(z >= 0) || !(z < 1)) {
            throw new IllegalArgumentException("log2F1 needs a, b, c > 0 and 0 <= z < 1, got a=" + a + " b=" + b
                    + " c=" + c + " z=" + z);
        }
        if (z == 0) {
            return 0;
        }
        int budget = c > a || c > b ? TERMS_BEFORE_INTEGRAL : MAX_TERMS;
        double v;
        if (c > a && c > b && (c - a) * (c - b) < a * b) {
            v = logSeries(c - a, c - b, c, z, budget);
            v = Double.isNaN(v) ? v : (c - a - b) * Math.log1p(-z) + v;
        } else {
            v = logSeries(a, b, c, z, budget);
        }
        if (!Double.isNaN(v)) {
            return v;
        }
        if (c > b) {
            return logEulerIntegral(a, b, c, z);
        }
        if (c > a) {
            return logEulerIntegral(b, a, c, z);
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in "
                + budget + " terms, and c > a or c > b is needed for the integral");
    }

    /**
     * Log of {@code 2F1(a, b; c; z)} for {@code c > b > 0} from Euler's integral
     * {@code Γ(c) / (Γ(b) Γ(c - b)) ∫₀¹ t^(b-1) (1-t)^(c-b-1) (1-zt)^(-a) dt}, by tanh-sinh
     * quadrature: its nodes crowd both ends of [0, 1] doubly exponentially, so the endpoint
     * singularities and the peak of width {@code 1 - z} at {@code t = 1} are resolved. The
     * integrand is summed in log space (it may exceed the double range) and the step halved until
     * the sum changes by less than 1e-15.
     */
    static double logEulerIntegral(double a, double b, double c, double z) {
        double oneMinusZ = 1 - z; // exact for z >= 0.5 (Sterbenz), the only region this is used in
        double prefactor = Gamma.logGamma(c) - Gamma.logGamma(b) - Gamma.logGamma(c - b);
        // far enough out that the endpoint mass left out, about t^min(b, c - b), is below 1e-17
        double uMax = 20 / Math.min(1, Math.min(b, c - b));
        double sMax = asinh(2 * uMax / Math.PI);
        double h = 0.5;
        // level 0: nodes k h for all k; every later level adds the odd multiples of the new h
        double[] logTerms = new double[1 << 12];
        int count = 0;
        double previous = Double.NaN;
        for (int level = 0; level < 8; level++) {
            int stride = level == 0 ? 1 : 2;
            int first = level == 0 ? 0 : 1;
            for (int k = first; k * h <= sMax; k += stride) {
                for (int sign = k == 0 ? 1 : -1; sign <= 1; sign += 2) {
                    double logTerm = logIntegrand(sign * k * h, a, b, c, z, oneMinusZ);
                    if (logTerm > Double.NEGATIVE_INFINITY) {
                        if (count == logTerms.length) {
                            logTerms = Arrays.copyOf(logTerms, 2 * count);
                        }
                        logTerms[count++] = logTerm;
                    }
                }
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                max = Math.max(max, logTerms[i]);
            }
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += Math.exp(logTerms[i] - max);
            }
            double estimate = max + Math.log(sum * h);
            if (level >= 3 && Math.abs(estimate - previous) <= 1e-15 * Math.max(1, Math.abs(estimate))) {
                return prefactor + estimate;
            }
            previous = estimate;
            h /= 2;
        }
        return prefactor + previous;
    }

    /** Log of the transformed integrand at {@code s}, with its tanh-sinh weight. */
    private static double logIntegrand(double s, double a, double b, double c, double z, double oneMinusZ) {
        double u = 0.5 * Math.PI * Math.sinh(s);
        // t = 1 / (1 + e^{-2u}), 1 - t = 1 / (1 + e^{2u}), both without cancellation
        double logT = -log1pExp(-2 * u);
        double logOneMinusT = -log1pExp(2 * u);
        double oneMinusT = Math.exp(logOneMinusT);
        double logOneMinusZt = Math.log(oneMinusZ + z * oneMinusT);
        // dt/ds = pi cosh(s) t (1 - t)
        double logWeight = Math.log(Math.PI * Math.cosh(s)) + logT + logOneMinusT;
        return (b - 1) * logT + (c - b - 1) * logOneMinusT - a * logOneMinusZt + logWeight;
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    /** log(1 + e^x) without overflow. */
    private static double log1pExp(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** Log of the positive series sum_n (a)_n (b)_n / ((c)_n n!) z^n, summed with a running scale. */
    private static double logSeries(double a, double b, double c, double z, int maxTerms) {
        double logScale = 0;
        double term = 1;
        double sum = 1;
        for (int n = 0; n < maxTerms; n++) {
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
        return Double.NaN; // not converged
    }
}
