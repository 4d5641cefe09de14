package dev.o2o.segmentation.clv;

import dev.o2o.segmentation.clv.internal.Special;
import java.util.List;
import org.apache.commons.math3.distribution.GammaDistribution;

/**
 * The Pareto/NBD model of Schmittlein, Morrison and Colombo (1987), "Counting Your Customers:
 * Who Are They and What Will They Do Next?", Management Science 33(1), with the likelihood and
 * conditional expectations as derived in Fader and Hardie (2005), "A Note on Deriving the
 * Pareto/NBD Model and Related Expressions".
 *
 * <p>While alive a customer buys at Poisson rate {@code lambda ~ Gamma(shape r, rate alpha)};
 * the lifetime is exponential with rate {@code mu ~ Gamma(shape s, rate beta)}. Published
 * estimates on the CDNOW sample (weeks): r 0.553, alpha 10.578, s 0.606, beta 11.669.
 *
 * <p>The likelihood needs the Gauss hypergeometric function {@code 2F1(r+s+x, .; r+s+x+1; z)};
 * it is evaluated in log space after Euler's transformation, where the series terms never
 * grow, so customers with hundreds of purchases neither overflow nor slow the fit.
 *
 * <p>Immutable and thread-safe.
 *
 * @param r     shape of the purchase-rate Gamma, {@code > 0}
 * @param alpha rate of the purchase-rate Gamma, in the data's time unit, {@code > 0}
 * @param s     shape of the dropout-rate Gamma, {@code > 0}
 * @param beta  rate of the dropout-rate Gamma, in the data's time unit, {@code > 0}
 */
public record ParetoNbd(double r, double alpha, double s, double beta) implements PurchaseModel {

    private static final List<String> NAMES = List.of("r", "alpha", "s", "beta");

    public ParetoNbd {
        PurchaseModels.positive("Pareto/NBD", NAMES, r, alpha, s, beta);
    }

    /** Fits by maximum likelihood with {@link FitOptions#defaults()}. */
    public static ModelFit<ParetoNbd> fit(CalibrationData data) {
        return fit(data, FitOptions.defaults());
    }

    /**
     * Fits by maximum likelihood on log-parameters; the gradient is taken by central
     * differences (the hypergeometric term has no convenient parameter derivatives).
     *
     * @throws ConvergenceException if no optimum is reached
     */
    public static ModelFit<ParetoNbd> fit(CalibrationData data, FitOptions options) {
        return PurchaseModels.fit("Pareto/NBD", NAMES, data, options, d -> {
            double scale = Math.log(Math.max(1e-3, d.meanAge() / 4));
            return new double[] {0, scale, 0, scale};
        }, ParetoNbd::logLik, false, th -> new ParetoNbd(th[0], th[1], th[2], th[3]));
    }

    /** The log-likelihood at log-parameters; the gradient argument must be null (there is no analytic one). */
    static double logLik(CalibrationData d, int maxX, double[] p, double[] gradient) {
        if (gradient != null) {
            throw new IllegalArgumentException("the Pareto/NBD likelihood has no analytic gradient");
        }
        double r = Math.exp(p[0]);
        double alpha = Math.exp(p[1]);
        double s = Math.exp(p[2]);
        double beta = Math.exp(p[3]);
        double[] lr = Params.cumLog(r, maxX);
        double base = r * Math.log(alpha) + s * Math.log(beta);
        double sum = 0;
        for (int i = 0; i < d.ux.length; i++) {
            int x = d.ux[i];
            sum += d.weight[i] * (lr[x] + base + logBracket(r, alpha, s, beta, x, d.utx[i], d.ut[i]));
        }
        return sum;
    }

    /** ln[(alpha+T)^-(r+x) (beta+T)^-s + s/(r+s+x) A0]. */
    private static double logBracket(double r, double alpha, double s, double beta, int x, double tx, double t) {
        double first = -(r + x) * Math.log(alpha + t) - s * Math.log(beta + t);
        double logA0 = logA0(r, alpha, s, beta, x, tx, t);
        return Special.logSumExp(first, Math.log(s / (r + s + x)) + logA0);
    }

    /** ln A0 of Fader and Hardie's note; negative infinity when {@code t_x == T}. */
    private static double logA0(double r, double alpha, double s, double beta, int x, double tx, double t) {
        if (tx >= t) {
            return Double.NEGATIVE_INFINITY;
        }
        double rsx = r + s + x;
        double atx;
        double aT;
        if (alpha >= beta) {
            atx = Special.log2F1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + tx)) - rsx * Math.log(alpha + tx);
            aT = Special.log2F1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + t)) - rsx * Math.log(alpha + t);
        } else {
            atx = Special.log2F1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + tx)) - rsx * Math.log(beta + tx);
            aT = Special.log2F1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + t)) - rsx * Math.log(beta + t);
        }
        // Rounding can make the two nearly equal terms cross; the true difference is then ~0.
        return aT >= atx ? Double.NEGATIVE_INFINITY : Special.logDiffExp(atx, aT);
    }

    @Override
    public List<String> parameterNames() {
        return NAMES;
    }

    @Override
    public List<Double> parameters() {
        return List.of(r, alpha, s, beta);
    }

    @Override
    public double probabilityAlive(CustomerSummary c) {
        int x = c.frequency();
        double t = c.age();
        double logA0 = logA0(r, alpha, s, beta, x, c.recency(), t);
        double d = Math.log(s / (r + s + x)) + (r + x) * Math.log(alpha + t) + s * Math.log(beta + t) + logA0;
        return 1 / (1 + Math.exp(d));
    }

    @Override
    public double expectedPurchases(double t, CustomerSummary c) {
        Params.requireHorizon(t);
        if (t == 0) {
            return 0;
        }
        int x = c.frequency();
        double tt = c.age();
        double logQ = Math.log((beta + tt) / (beta + tt + t));
        return (r + x) * (beta + tt) / (alpha + tt) * powerTerm(s - 1, logQ) * probabilityAlive(c);
    }

    @Override
    public double expectedPurchases(double t) {
        Params.requireHorizon(t);
        if (t == 0) {
            return 0;
        }
        return r * beta / alpha * powerTerm(s - 1, Math.log(beta / (beta + t)));
    }

    /**
     * Simulates customers from this model: each is acquired at time 0 and observed for
     * {@code age} time units; returns their calibration summaries. Deterministic for a seed.
     */
    public CalibrationData simulate(int customers, double age, long seed) {
        return PurchaseModels.simulate(customers, age, seed, rng -> {
            GammaDistribution rate = new GammaDistribution(rng, r, 1 / alpha);
            GammaDistribution dropout = new GammaDistribution(rng, s, 1 / beta);
            return (observed, last) -> {
                double lambda = rate.sample();
                double mu = dropout.sample();
                double end = Math.min(observed, PurchaseModels.exponential(rng, mu));
                double time = 0;
                int count = 0;
                while (true) {
                    time += PurchaseModels.exponential(rng, lambda);
                    if (time > end) {
                        return count;
                    }
                    count++;
                    last[0] = time;
                }
            };
        });
    }

    /** {@code (1 - exp(k logQ)) / k}, with its limit {@code -logQ} at {@code k = 0}. */
    private static double powerTerm(double k, double logQ) {
        if (Math.abs(k) < 1e-12) {
            return -logQ;
        }
        return -Math.expm1(k * logQ) / k;
    }
}
