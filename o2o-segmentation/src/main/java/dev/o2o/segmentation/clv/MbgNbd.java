package dev.o2o.segmentation.clv;

import dev.o2o.segmentation.clv.internal.Special;
import java.util.List;

/**
 * The MBG/NBD model of Batislam, Denizel and Filiztekin (2007), "Empirical validation and
 * comparison of models for customer base analysis", International Journal of Research in
 * Marketing 24(3).
 *
 * <p>As {@link BgNbd}, but a customer may also drop out right after the first purchase (at time
 * 0), so customers without repeat purchases are not all assumed alive. Purchase rate
 * {@code lambda ~ Gamma(shape r, rate alpha)}; dropout probability after each purchase
 * {@code p ~ Beta(a, b)}.
 *
 * <p>Forecast horizons are at most 1e8 times {@code alpha} ({@code alpha + T} for a customer's
 * forecast): beyond that double precision cannot give the forecast accurately, so it is refused.
 *
 * <p>Immutable and thread-safe.
 *
 * @param r     shape of the purchase-rate Gamma, {@code > 0}
 * @param alpha rate of the purchase-rate Gamma, in the data's time unit, {@code > 0}
 * @param a     first shape of the dropout-probability Beta, {@code > 0}
 * @param b     second shape of the dropout-probability Beta, {@code > 0}
 */
public record MbgNbd(double r, double alpha, double a, double b) implements PurchaseModel {

    private static final List<String> NAMES = List.of("r", "alpha", "a", "b");

    public MbgNbd {
        PurchaseModels.positive("MBG/NBD", NAMES, r, alpha, a, b);
    }

    /** Fits by maximum likelihood with {@link FitOptions#defaults()}. */
    public static ModelFit<MbgNbd> fit(CalibrationData data) {
        return fit(data, FitOptions.defaults());
    }

    /**
     * Fits by maximum likelihood on log-parameters with the analytic gradient.
     *
     * @throws ConvergenceException if no optimum is reached
     */
    public static ModelFit<MbgNbd> fit(CalibrationData data, FitOptions options) {
        return PurchaseModels.fit("MBG/NBD", NAMES, data, options, BgNbd::start, MbgNbd::logLik, true,
                th -> new MbgNbd(th[0], th[1], th[2], th[3]));
    }

    static double logLik(CalibrationData d, int maxX, double[] p, double[] g) {
        double r = Math.exp(p[0]);
        double alpha = Math.exp(p[1]);
        double a = Math.exp(p[2]);
        double b = Math.exp(p[3]);
        double[] lr = Params.cumLog(r, maxX);
        double[] lab = Params.cumLog(a + b, maxX + 1);
        double[] lb = Params.cumLog(b, maxX + 1);
        double[] dr = g == null ? null : Params.cumInv(r, maxX);
        double[] dab = g == null ? null : Params.cumInv(a + b, maxX + 1);
        double[] db = g == null ? null : Params.cumInv(b, maxX + 1);
        double lnAlpha = Math.log(alpha);
        double lnA = Math.log(a);
        double sum = 0;
        double gr = 0;
        double galpha = 0;
        double ga = 0;
        double gb = 0;
        for (int i = 0; i < d.ux.length; i++) {
            int x = d.ux[i];
            double w = d.weight[i];
            double t = d.ut[i];
            double tx = d.utx[i];
            double rx = r + x;
            double logAT = Math.log(alpha + t);
            double logAtx = Math.log(alpha + tx);
            double la = -rx * logAT;
            double lbTerm = lnA - Math.log(b + x) - rx * logAtx;
            double lse = Special.logSumExp(la, lbTerm);
            double wB = Math.exp(lbTerm - lse);
            double wA = 1 - wB;
            sum += w * (lr[x] + r * lnAlpha - lab[x + 1] + lb[x + 1] + lse);
            if (g != null) {
                gr += w * (dr[x] + lnAlpha - wA * logAT - wB * logAtx);
                galpha += w * (r / alpha - wA * rx / (alpha + t) - wB * rx / (alpha + tx));
                ga += w * (-dab[x + 1] + wB / a);
                gb += w * (-dab[x + 1] + db[x + 1] - wB / (b + x));
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
        double d = Math.log(a) - Math.log(b + x)
                + (r + x) * (Math.log(alpha + c.age()) - Math.log(alpha + c.recency()));
        return 1 / (1 + Math.exp(d));
    }

    @Override
    public double expectedPurchases(double t, CustomerSummary c) {
        Params.requireHorizon(t, alpha + c.age(), "alpha + T (" + alpha + " + " + c.age() + ")", "MBG/NBD");
        if (t == 0) {
            return 0;
        }
        int x = c.frequency();
        double tt = c.age();
        double z = t / (alpha + tt + t);
        double logPower = (r + x) * Math.log((alpha + tt) / (alpha + tt + t));
        return BgNbd.acrossShapeOne(a, aa -> (aa + b + x) / (aa - 1)
                * -Math.expm1(Special.log2F1(r + x, b + x + 1, aa + b + x, z) + logPower)) * probabilityAlive(c);
    }

    /**
     * Simulates customers from this model (dropout possible right after the first purchase):
     * each is acquired at time 0 and observed for {@code age} time units. Deterministic for a seed.
     */
    public CalibrationData simulate(int customers, double age, long seed) {
        return PurchaseModels.simulate(customers, age, seed, rng -> BgNbd.betaGeometric(rng, r, alpha, a, b, true));
    }

    @Override
    public double expectedPurchases(double t) {
        Params.requireHorizon(t, alpha, "alpha (" + alpha + ")", "MBG/NBD");
        if (t == 0) {
            return 0;
        }
        double z = t / (alpha + t);
        double logPower = r * Math.log(alpha / (alpha + t));
        return BgNbd.acrossShapeOne(a, aa -> b / (aa - 1)
                * -Math.expm1(Special.log2F1(r, b + 1, aa + b, z) + logPower));
    }
}
