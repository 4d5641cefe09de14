package dev.o2o.predict.model;

import dev.o2o.predict.data.Matrix;

import java.util.Arrays;

/**
 * Least squares with penalty {@code L/2 · ‖w‖²} on the feature weights (intercept not
 * penalised), solved from the normal equations by Cholesky. Features and labels must be within
 * ±10<sup>100</sup> (as GBM squared-error labels): the normal equations hold sums of their squares
 * and products, which overflow a double around 10<sup>154</sup>. Stateless and thread-safe.
 */
final class RidgeRegression {
    /**
     * The largest feature or label in absolute value, {@link GbmConfig#MAX_ABS_LABEL}: sums of
     * 2<sup>31</sup> products of two such values stay near 10<sup>209</sup>, far from overflow.
     */
    private static final double MAX_ABS_VALUE = GbmConfig.MAX_ABS_LABEL;
    private static final String RANGE = "; ridge regression needs features and labels within " + GbmConfig.LABEL_RANGE;

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
                if (Math.abs(cols[j][i]) > MAX_ABS_VALUE) {
                    throw new IllegalArgumentException("feature '" + x.names().get(j - 1) + "' in row " + i
                            + " is out of range: " + cols[j][i] + RANGE);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("label of row " + i + " is not finite: " + y[i]);
            }
            if (Math.abs(y[i]) > MAX_ABS_VALUE) {
                throw new IllegalArgumentException("label of row " + i + " is out of range: " + y[i] + RANGE);
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
