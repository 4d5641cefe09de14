package dev.o2o.segmentation.clv.internal;

import java.util.Arrays;

/**
 * Minimises a smooth function of a few unconstrained variables by BFGS with a backtracking
 * (Armijo) line search. The CLV models are fitted on log-parameters, so every point is valid.
 *
 * <p>Stateless and thread-safe. Internal: not part of the public API.
 */
public final class Bfgs {

    /** A function to minimise, with its gradient. */
    public interface Objective {
        /** The value at {@code x}. May return NaN or infinity. */
        double value(double[] x);

        /** Fills {@code grad} with the gradient at {@code x}, where the value is {@code fx}. */
        void gradient(double[] x, double fx, double[] grad);
    }

    /**
     * The outcome of a minimisation.
     *
     * @param x          the last point
     * @param value      the value there
     * @param gradient   the gradient there
     * @param iterations iterations used
     * @param converged  whether the gradient test was met
     * @param message    why it stopped
     */
    public record Result(double[] x, double value, double[] gradient, int iterations, boolean converged,
                         String message) {
    }

    private Bfgs() {
    }

    /**
     * Minimises {@code f} from {@code start}.
     *
     * @param gradientTolerance converged when {@code max|g_i| <= gradientTolerance * max(1, |f|)}
     * @param maxStep           largest change of any coordinate in one step
     */
    public static Result minimize(Objective f, double[] start, int maxIterations, double gradientTolerance,
                                  double maxStep) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.value(x);
        if (Double.isFinite(fx)) {
            f.gradient(x, fx, g);
        }
        if (!Double.isFinite(fx) || !allFinite(g)) {
            return new Result(x, fx, g, 0, false, "objective is not finite at the start point " + Arrays.toString(x));
        }
        double[][] h = identity(n);
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] p = new double[n];
        double[] s = new double[n];
        double[] y = new double[n];
        int stall = 0;
        for (int it = 1; it <= maxIterations; it++) {
            if (maxAbs(g) <= gradientTolerance * Math.max(1, Math.abs(fx))) {
                return new Result(x, fx, g, it - 1, true, "gradient below tolerance");
            }
            for (int i = 0; i < n; i++) {
                double v = 0;
                for (int j = 0; j < n; j++) {
                    v -= h[i][j] * g[j];
                }
                p[i] = v;
            }
            double slope = dot(p, g);
            if (!(slope < 0)) {
                // Not a descent direction: restart from steepest descent.
                h = identity(n);
                for (int i = 0; i < n; i++) {
                    p[i] = -g[i];
                }
                slope = dot(p, g);
            }
            double scale = maxAbs(p) > maxStep ? maxStep / maxAbs(p) : 1;
            double step = scale;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 60; ls++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * p[i];
                }
                fNew = f.value(xNew);
                if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
                    f.gradient(xNew, fNew, gNew);
                    if (allFinite(gNew)) {
                        accepted = true;
                        break;
                    }
                }
                step *= 0.5;
            }
            if (!accepted) {
                boolean small = maxAbs(g) <= 1e3 * gradientTolerance * Math.max(1, Math.abs(fx));
                return new Result(x, fx, g, it, small, small
                        ? "line search cannot improve further; gradient near tolerance"
                        : "line search failed to decrease the objective");
            }
            for (int i = 0; i < n; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            double sy = dot(s, y);
            if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
                update(h, s, y, sy);
            }
            double change = fx - fNew;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            stall = change <= 1e-15 * Math.max(1, Math.abs(fx)) ? stall + 1 : 0;
            if (stall >= 5) {
                boolean small = maxAbs(g) <= 1e3 * gradientTolerance * Math.max(1, Math.abs(fx));
                return new Result(x, fx, g, it, small, small
                        ? "objective no longer changes; gradient near tolerance"
                        : "objective no longer changes but the gradient is not small");
            }
        }
        return new Result(x, fx, g, maxIterations, maxAbs(g) <= gradientTolerance * Math.max(1, Math.abs(fx)),
                "iteration limit " + maxIterations + " reached");
    }

    private static void update(double[][] h, double[] s, double[] y, double sy) {
        int n = s.length;
        double rho = 1 / sy;
        double[] hy = new double[n];
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int j = 0; j < n; j++) {
                v += h[i][j] * y[j];
            }
            hy[i] = v;
        }
        double yhy = dot(y, hy);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] += (1 + rho * yhy) * rho * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
            }
        }
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    private static boolean allFinite(double[] v) {
        for (double d : v) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }
}
