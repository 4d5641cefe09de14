package dev.o2o.segmentation.clv;

import dev.o2o.segmentation.clv.internal.Bfgs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/** Maximum likelihood on log-parameters with Hessian-based standard errors. Stateless. */
final class Mle {

    /** A log-likelihood over log-parameters; fills the gradient when {@code grad} is not null. */
    interface LogLik {
        double value(double[] logTheta, double[] grad);
    }

    record Estimate(double[] theta, double logLikelihood, double[] standardErrors, int iterations) {
    }

    private Mle() {
    }

    /** A log-likelihood without an analytic gradient (fit it with {@code analyticGradient = false}). */
    static LogLik valueOnly(ToDoubleFunction<double[]> f) {
        return (p, grad) -> {
            if (grad != null) {
                centralDifferences((q, g) -> f.applyAsDouble(q), p, grad);
            }
            return f.applyAsDouble(p);
        };
    }

    /** The gradient of {@code ll} at {@code p} by central differences with step 1e-5 in log-parameters. */
    static void centralDifferences(LogLik ll, double[] p, double[] grad) {
        double[] q = p.clone();
        for (int i = 0; i < p.length; i++) {
            double h = 1e-5;
            q[i] = p[i] + h;
            double up = ll.value(q, null);
            q[i] = p[i] - h;
            double down = ll.value(q, null);
            q[i] = p[i];
            grad[i] = (up - down) / (2 * h);
        }
    }

    static Estimate fit(String model, List<String> names, LogLik ll, double[] startLog, FitOptions options,
                        boolean analyticGradient) {
        Bfgs.Objective objective = new Bfgs.Objective() {
            // With an analytic gradient, value() computes it too and keeps it for gradient().
            private final double[] lastPoint = new double[startLog.length];
            private final double[] lastGradient = new double[startLog.length];
            private boolean cached;

            @Override
            public double value(double[] p) {
                if (!analyticGradient) {
                    return -ll.value(p, null);
                }
                double v = ll.value(p, lastGradient);
                System.arraycopy(p, 0, lastPoint, 0, p.length);
                cached = true;
                return -v;
            }

            @Override
            public void gradient(double[] p, double fx, double[] g) {
                if (analyticGradient) {
                    if (!cached || !Arrays.equals(p, lastPoint)) {
                        value(p);
                    }
                    System.arraycopy(lastGradient, 0, g, 0, g.length);
                } else {
                    centralDifferences(ll, p, g);
                }
                for (int i = 0; i < g.length; i++) {
                    g[i] = -g[i];
                }
            }
        };
        Bfgs.Result r = Bfgs.minimize(objective, startLog, options.maxIterations(), options.gradientTolerance(), 3.0);
        if (!r.converged()) {
            throw new ConvergenceException(model + " fit did not converge: " + r.message() + " after "
                    + r.iterations() + " iterations at " + describe(names, r.x()) + ", log-likelihood " + (-r.value()));
        }
        double[] p = r.x();
        int n = p.length;
        double[][] h = new double[n][n];
        if (analyticGradient) {
            double[] gp = new double[n];
            double[] gm = new double[n];
            for (int j = 0; j < n; j++) {
                double step = 1e-5 * Math.max(1, Math.abs(p[j]));
                double[] q = p.clone();
                q[j] = p[j] + step;
                ll.value(q, gp);
                q[j] = p[j] - step;
                ll.value(q, gm);
                for (int i = 0; i < n; i++) {
                    h[i][j] = -(gp[i] - gm[i]) / (2 * step);
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    double m = 0.5 * (h[i][j] + h[j][i]);
                    h[i][j] = m;
                    h[j][i] = m;
                }
            }
        } else {
            double f0 = ll.value(p, null);
            double e = 1e-4;
            for (int i = 0; i < n; i++) {
                double[] q = p.clone();
                q[i] = p[i] + e;
                double fp = ll.value(q, null);
                q[i] = p[i] - e;
                double fm = ll.value(q, null);
                h[i][i] = -(fp - 2 * f0 + fm) / (e * e);
                for (int j = 0; j < i; j++) {
                    double[] s = p.clone();
                    s[i] += e;
                    s[j] += e;
                    double pp = ll.value(s, null);
                    s[j] -= 2 * e;
                    double pm = ll.value(s, null);
                    s[i] -= 2 * e;
                    double mm = ll.value(s, null);
                    s[j] += 2 * e;
                    double mp = ll.value(s, null);
                    double v = -(pp - pm - mp + mm) / (4 * e * e);
                    h[i][j] = v;
                    h[j][i] = v;
                }
            }
        }
        RealMatrix cov;
        try {
            cov = new CholeskyDecomposition(new Array2DRowRealMatrix(h, false), 1e-12, 1e-14).getSolver().getInverse();
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new ConvergenceException(model + " fit ended at " + describe(names, p)
                    + " where the Hessian is not positive definite: not a maximum, or a parameter is not identified");
        }
        double[] theta = new double[n];
        double[] se = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = Math.exp(p[i]);
            se[i] = theta[i] * Math.sqrt(cov.getEntry(i, i));
        }
        return new Estimate(theta, -r.value(), se, r.iterations());
    }

    static List<Double> list(double[] v) {
        List<Double> l = new ArrayList<>(v.length);
        for (double d : v) {
            l.add(d);
        }
        return l;
    }

    private static String describe(List<String> names, double[] logTheta) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < logTheta.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(Math.exp(logTheta[i]));
        }
        return sb.append('}').toString();
    }
}
