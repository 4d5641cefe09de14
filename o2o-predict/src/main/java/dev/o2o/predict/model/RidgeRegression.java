package dev.o2o.predict.model;

import dev.o2o.predict.data.Matrix;

import java.util.Arrays;

/**
 * Least squares with penalty {@code L/2 · ‖w‖²} on the feature weights (intercept not
 * penalised), solved from the normal equations by Cholesky. Stateless and thread-safe.
 */
final class RidgeRegression {
    private RidgeRegression() {
    }

    static LinearModel fit(Matrix x, double[] y, double l2) {
        LogisticRegression.checkL2(l2);
        Models.checkLength(x, y);
        int n = x.rows();
        int p = x.columns() + 1;
        double[][] cols = new double[p][];
        cols[0] = new double[n];
        Arrays.fill(cols[0], 1.0);
        for (int j = 1; j < p; j++) {
            cols[j] = Matrix.Access.view(x, j - 1);
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(cols[j][i])) {
                    throw new IllegalArgumentException("feature '" + x.names().get(j - 1) + "' is missing in row " + i
                            + "; linear regression needs every value");
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("label of row " + i + " is not finite: " + y[i]);
            }
        }
        double[][] a = new double[p][p];
        double[] b = new double[p];
        for (int u = 0; u < p; u++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += cols[u][i] * y[i];
            }
            b[u] = s;
            for (int v = 0; v <= u; v++) {
                double t = 0;
                for (int i = 0; i < n; i++) {
                    t += cols[u][i] * cols[v][i];
                }
                a[u][v] = t + (u == v && u > 0 ? l2 : 0);
                a[v][u] = a[u][v];
            }
        }
        double[] beta = Cholesky.solve(a, b, x.names());
        return new LinearModel(x.names(), beta[0], Arrays.copyOfRange(beta, 1, p), l2);
    }
}
