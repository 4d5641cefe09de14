package dev.o2o.predict.model;

import dev.o2o.predict.data.Matrix;

import java.util.Arrays;

/**
 * Fits L2-regularised logistic regression by Newton's method (iteratively reweighted least
 * squares) with step halving. The objective is the summed log-loss plus {@code L/2 · ‖w‖²}
 * over the feature weights only (the intercept is not penalised): scikit-learn's
 * {@code LogisticRegression(C = 1/L)}.
 *
 * <p>Every feature must be present in every row (impute first); with {@code L = 0} a constant
 * feature makes the problem singular and is refused by name. Stateless and thread-safe.
 */
final class LogisticRegression {
    private LogisticRegression() {
    }

    static final int MAX_ITERATIONS = 100;

    static void checkL2(double l2) {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be a finite number >= 0: " + l2);
        }
    }

    static LogisticModel fit(Matrix x, double[] y, double l2) {
        checkL2(l2);
        Models.checkBinary(x, y);
        int n = x.rows();
        int p = x.columns() + 1; // column 0 is the intercept
        double[][] cols = new double[p][];
        cols[0] = new double[n];
        Arrays.fill(cols[0], 1.0);
        for (int j = 1; j < p; j++) {
            double[] c = Matrix.Access.view(x, j - 1);
            String name = x.names().get(j - 1);
            int missing = 0;
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(c[i])) {
                    missing++;
                }
            }
            if (missing == n) {
                throw new IllegalArgumentException("feature '" + name + "' is missing in every row");
            }
            if (missing > 0) {
                throw new IllegalArgumentException("feature '" + name + "' is missing in " + missing
                        + " rows; logistic regression needs every value (impute first, or use gbm)");
            }
            if (l2 == 0 && isConstant(c)) {
                throw new IllegalArgumentException("feature '" + name + "' is constant (" + c[0]
                        + "); without an l2 penalty its weight is not identifiable");
            }
            cols[j] = c;
        }
        double[] beta = new double[p];
        double objective = objective(cols, y, beta, l2);
        int it = 0;
        double[][] h = null;
        boolean converged = false;
        while (it < MAX_ITERATIONS) {
            it++;
            double[] eta = linear(cols, beta, n);
            double[] grad = new double[p];
            h = new double[p][p];
            double[] w = new double[n];
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                double mu = Models.sigmoid(eta[i]);
                w[i] = mu * (1 - mu);
                r[i] = y[i] - mu;
            }
            for (int a = 0; a < p; a++) {
                double[] ca = cols[a];
                double g = 0;
                for (int i = 0; i < n; i++) {
                    g += ca[i] * r[i];
                }
                grad[a] = g - (a == 0 ? 0 : l2 * beta[a]);
                for (int b = 0; b <= a; b++) {
                    double[] cb = cols[b];
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += ca[i] * w[i] * cb[i];
                    }
                    h[a][b] = s + (a == b && a > 0 ? l2 : 0);
                    h[b][a] = h[a][b];
                }
            }
            double[] step = Cholesky.solve(h, grad, x.names());
            double t = 1.0;
            double[] next = new double[p];
            double nextObjective;
            while (true) {
                for (int a = 0; a < p; a++) {
                    next[a] = beta[a] + t * step[a];
                }
                nextObjective = objective(cols, y, next, l2);
                if (nextObjective <= objective + 1e-12 * Math.abs(objective) || t < 1e-10) {
                    break;
                }
                t /= 2;
            }
            double maxChange = 0;
            for (int a = 0; a < p; a++) {
                maxChange = Math.max(maxChange, Math.abs(next[a] - beta[a]) / (1 + Math.abs(next[a])));
            }
            beta = next.clone();
            objective = nextObjective;
            if (maxChange < 1e-12) {
                converged = true;
                break;
            }
        }
        if (!converged) {
            throw new IllegalStateException("logistic regression did not converge in " + MAX_ITERATIONS
                    + " Newton steps (separable data with l2 = " + l2 + "? use l2 > 0)");
        }
        // standard errors from the penalised Hessian at the optimum
        double[] eta = linear(cols, beta, n);
        double[][] hess = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    double mu = Models.sigmoid(eta[i]);
                    s += cols[a][i] * mu * (1 - mu) * cols[b][i];
                }
                hess[a][b] = s + (a == b && a > 0 ? l2 : 0);
                hess[b][a] = hess[a][b];
            }
        }
        double[] se = Cholesky.inverseDiagonal(hess, x.names());
        double[] coef = new double[p - 1];
        double[] coefSe = new double[p - 1];
        for (int j = 1; j < p; j++) {
            coef[j - 1] = beta[j];
            coefSe[j - 1] = Math.sqrt(se[j]);
        }
        return new LogisticModel(x.names(), beta[0], coef, Math.sqrt(se[0]), coefSe, l2, it);
    }

    private static boolean isConstant(double[] c) {
        for (double v : c) {
            if (v != c[0]) {
                return false;
            }
        }
        return true;
    }

    private static double[] linear(double[][] cols, double[] beta, int n) {
        double[] eta = new double[n];
        for (int a = 0; a < cols.length; a++) {
            double b = beta[a];
            double[] c = cols[a];
            for (int i = 0; i < n; i++) {
                eta[i] += b * c[i];
            }
        }
        return eta;
    }

    /** Summed log-loss plus the penalty, with log(1 + e^z) computed without overflow. */
    static double objective(double[][] cols, double[] y, double[] beta, double l2) {
        double[] eta = linear(cols, beta, y.length);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double z = eta[i];
            s += Models.softplus(z) - y[i] * z;
        }
        for (int a = 1; a < beta.length; a++) {
            s += l2 / 2 * beta[a] * beta[a];
        }
        return s;
    }
}
