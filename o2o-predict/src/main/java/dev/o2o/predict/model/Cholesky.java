package dev.o2o.predict.model;

import java.util.List;

/** Cholesky solves of small symmetric positive-definite systems. Stateless. */
final class Cholesky {
    private Cholesky() {
    }

    /** Lower factor L with A = L Lᵀ; names the feature (index 0 is the intercept) where A is not positive definite. */
    static double[][] factor(double[][] a, List<String> names) {
        int p = a.length;
        double[][] l = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 1e-12 * Math.max(1, Math.abs(a[i][i])))) {
                        throw new IllegalArgumentException("the Hessian is singular at "
                                + (i == 0 ? "the intercept" : "feature '" + names.get(i - 1) + "'")
                                + ": a feature is constant or a linear combination of others (use l2 > 0 or drop it)");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    static double[] solve(double[][] a, double[] b, List<String> names) {
        return solveFactored(factor(a, names), b);
    }

    private static double[] solveFactored(double[][] l, double[] b) {
        int p = b.length;
        double[] z = new double[p];
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        double[] x = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < p; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** The diagonal of A⁻¹. */
    static double[] inverseDiagonal(double[][] a, List<String> names) {
        double[][] l = factor(a, names);
        int p = a.length;
        double[] d = new double[p];
        for (int j = 0; j < p; j++) {
            double[] e = new double[p];
            e[j] = 1;
            d[j] = solveFactored(l, e)[j];
        }
        return d;
    }
}
