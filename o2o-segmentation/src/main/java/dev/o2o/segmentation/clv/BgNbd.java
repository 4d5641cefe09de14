package dev.o2o.segmentation.clv;

import dev.o2o.segmentation.clv.internal.Special;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The BG/NBD model of Fader, Hardie and Lee (2005), "Counting Your Customers the Easy Way: An
 * Alternative to the Pareto/NBD Model", Marketing Science 24(2).
 *
 * <p>While alive a customer buys at Poisson rate {@code lambda}, heterogeneous across customers
 * as Gamma with shape {@code r} and rate {@code alpha}; after each repeat purchase the customer
 * drops out with probability {@code p}, heterogeneous as Beta({@code a}, {@code b}). Published
 * estimates on the CDNOW sample (weeks): r 0.243, alpha 4.414, a 0.793, b 2.426.
 *
 * <p>Forecast horizons are at most 1e8 times {@code alpha} ({@code alpha + T} for a customer's
 * forecast): beyond that double precision cannot give the forecast accurately, so it is refused.
 *
 * <p>Immutable and thread-safe.
 *
 * @param r     shape of the purchase-rate Gamma, {@code > 0}
 * @param alpha rate (inverse scale) of the purchase-rate Gamma, in the data's time unit, {@code > 0}
 * @param a     first shape of the dropout-probability Beta, {@code > 0}
 * @param b     second shape of the dropout-probability Beta, {@code > 0}
 */
public record BgNbd(double r, double alpha, double a, double b) implements PurchaseModel {

    private static final List<String> NAMES = List.of("r", "alpha", "a", "b");

    public BgNbd {
        PurchaseModels.positive("BG/NBD", NAMES, r, alpha, a, b);
    }

    /** Fits by maximum likelihood with {@link FitOptions#defaults()}. */
    public static ModelFit<BgNbd> fit(CalibrationData data) {
        return fit(data, FitOptions.defaults());
    }

    /**
     * Fits by maximum likelihood on log-parameters with the analytic gradient.
     *
     * @throws ConvergenceException if no optimum is reached
     */
    public static ModelFit<BgNbd> fit(CalibrationData data, FitOptions options) {
        return PurchaseModels.fit("BG/NBD", NAMES, data, options, BgNbd::start, BgNbd::logLik, true,
                th -> new BgNbd(th[0], th[1], th[2], th[3]));
    }

    /** Log-parameters to start the fit from (shared with {@link MbgNbd}). */
    static double[] start(CalibrationData data) {
        return new double[] {0, Math.log(Math.max(1e-3, data.meanAge() / 10)), 0, 0};
    }

    /** Total log-likelihood at log-parameters, with the gradient in log-parameters if {@code g != null}. */
    static double logLik(CalibrationData d, int maxX, double[] p, double[] g) {
        double r = Math.exp(p[0]);
        double alpha = Math.exp(p[1]);
        double a = Math.exp(p[2]);
        double b = Math.exp(p[3]);
        double[] lr = Params.cumLog(r, maxX);
        double[] lab = Params.cumLog(a + b, maxX);
        double[] lb = Params.cumLog(b, maxX);
        double[] dr = g == null ? null : Params.cumInv(r, maxX);
        double[] dab = g == null ? null : Params.cumInv(a + b, maxX);
        double[] db = g == null ? null : Params.cumInv(b, maxX);
        double lnAlpha = Math.log(alpha);
        double lnA = Math.log(a);
        double sum = 0;
        double gr = 0;
        double galpha = 0;
        double ga = 0;
        double gb = 0;
        int[] xs = d.ux;
        double[] txs = d.utx;
        double[] ts = d.ut;
        double[] ws = d.weight;
        for (int i = 0; i < xs.length; i++) {
            int x = xs[i];
            double w = ws[i];
            double rx = r + x;
            double logAT = Math.log(alpha + ts[i]);
            double la = -rx * logAT;
            double ll;
            double wB = 0;
            double logAtx = 0;
            if (x > 0) {
                logAtx = Math.log(alpha + txs[i]);
                double lbTerm = lnA - Math.log(b + x - 1) - rx * logAtx;
                double lse = Special.logSumExp(la, lbTerm);
                wB = Math.exp(lbTerm - lse);
                ll = lse;
            } else {
                ll = la;
            }
            double c = lr[x] + r * lnAlpha - lab[x] + lb[x];
            sum += w * (c + ll);
            if (g != null) {
                double wA = 1 - wB;
                gr += w * (dr[x] + lnAlpha - wA * logAT - wB * logAtx);
                galpha += w * (r / alpha - wA * rx / (alpha + ts[i]) - (x > 0 ? wB * rx / (alpha + txs[i]) : 0));
                ga += w * (-dab[x] + wB / a);
                gb += w * (-dab[x] + db[x] - (x > 0 ? wB / (b + x - 1) : 0));
            }
        }
        if (g != null) {
            g[0] = gr * r;
            g[1] = galpha * alpha;
            g[2] = ga * a;
            g[3] = gb * b;
        }
        return sum;
    }

    @Override
    public List<String> parameterNames() {
        return NAMES;
    }

    @Override
    public List<Double> parameters() {
        return List.of(r, alpha, a, b);
    }

    @Override
    public double probabilityAlive(CustomerSummary c) {
        int x = c.frequency();
        if (x == 0) {
            return 1;
        }
        double d = Math.log(a) - Math.log(b + x - 1)
                + (r + x) * (Math.log(alpha + c.age()) - Math.log(alpha + c.recency()));
        return 1 / (1 + Math.exp(d));
    }

    @Override
    public double expectedPurchases(double t, CustomerSummary c) {
        Params.requireHorizon(t, alpha + c.age(), "alpha + T (" + alpha + " + " + c.age() + ")", "BG/NBD");
        if (t == 0) {
            return 0;
        }
        int x = c.frequency();
        double tt = c.age();
        double hc = a + b + x - 1;
        if (!(hc > 0)) {
            throw new IllegalArgumentException("BG/NBD conditional expectation needs a + b + x - 1 > 0, got " + hc);
        }
        double z = t / (alpha + tt + t);
        double logPower = (r + x) * Math.log((alpha + tt) / (alpha + tt + t));
        double numerator = acrossShapeOne(a, aa -> {
            double h = aa + b + x - 1;
            return h / (aa - 1) * -Math.expm1(Special.log2F1(r + x, b + x, h, z) + logPower);
        });
        return numerator * probabilityAlive(c);
    }

    /** Distance from {@code a = 1} within which {@link #acrossShapeOne} extrapolates. */
    private static final double SHAPE_ONE_STEP = 1e-5;

    /**
     * {@code f(a)} for an expectation of the beta-geometric models written as {@code g(a) / (a - 1)} with
     * {@code g(1) = 0}: the expectation is smooth in {@code a}, but the formula is 0/0 at {@code a = 1} (Infinity
     * in double) and loses about {@code 1e-16 / |a - 1|} of its value to cancellation near it. Within
     * {@value #SHAPE_ONE_STEP} of 1 the value is extrapolated linearly from {@code a = 1 + step} and
     * {@code 1 + 2 step} (both above 1, so every hypergeometric parameter stays as positive as at {@code a}):
     * error about {@code |f''| step^2}, some 1e-10 relative for CDNOW-like parameters.
     */
    static double acrossShapeOne(double a, DoubleUnaryOperator f) {
        if (Math.abs(a - 1) >= SHAPE_ONE_STEP) {
            return f.applyAsDouble(a);
        }
        double near = f.applyAsDouble(1 + SHAPE_ONE_STEP);
        double far = f.applyAsDouble(1 + 2 * SHAPE_ONE_STEP);
        return near + (near - far) * (1 + SHAPE_ONE_STEP - a) / SHAPE_ONE_STEP;
    }

    @Override
    public double expectedPurchases(double t) {
        Params.requireHorizon(t, alpha, "alpha (" + alpha + ")", "BG/NBD");
        if (t == 0) {
            return 0;
        }
        double hc = a + b - 1;
        if (!(hc > 0)) {
            throw new IllegalArgumentException("BG/NBD E[X(t)] needs a + b > 1, got a + b = " + (a + b));
        }
        double z = t / (alpha + t);
        double logPower = r * Math.log(alpha / (alpha + t));
        return acrossShapeOne(a, aa -> (aa + b - 1) / (aa - 1)
                * -Math.expm1(Special.log2F1(r, b, aa + b - 1, z) + logPower));
    }

    /**
     * Simulates customers from this model: each is acquired at time 0 and observed for
     * {@code age} time units; returns their calibration summaries. Deterministic for a seed.
     */
    public CalibrationData simulate(int customers, double age, long seed) {
        return PurchaseModels.simulate(customers, age, seed, rng -> betaGeometric(rng, r, alpha, a, b, false));
    }

    /**
     * Customers of the beta-geometric family: Poisson purchases at a Gamma(r, alpha) rate and a
     * Beta(a, b) dropout probability, tossed after each purchase (BG/NBD) or before each purchase
     * including the first (MBG/NBD, {@code dropBeforePurchase}).
     */
    static PurchaseModels.Customer betaGeometric(RandomGenerator rng, double r, double alpha, double a, double b,
                                                 boolean dropBeforePurchase) {
        GammaDistribution rate = new GammaDistribution(rng, r, 1 / alpha);
        BetaDistribution drop = new BetaDistribution(rng, a, b);
        return (observed, last) -> {
            double lambda = rate.sample();
            double p = drop.sample();
            double time = 0;
            int count = 0;
            while (true) {
                if (dropBeforePurchase && rng.nextDouble() < p) {
                    return count;
                }
                time += PurchaseModels.exponential(rng, lambda);
                if (time > observed) {
                    return count;
                }
                count++;
                last[0] = time;
                if (!dropBeforePurchase && rng.nextDouble() < p) {
                    return count;
                }
            }
        };
    }
}
