package dev.o2o.segmentation.cluster;

import java.util.Objects;

/**
 * Z-score standardization of numeric features: {@code (x - mean) / sd} per column, with the
 * population standard deviation. A constant column has {@code sd = 0} and scales to 0.
 *
 * <p>Immutable and thread-safe.
 */
public final class FeatureScaling {

    private final double[] mean;
    private final double[] sd;

    private FeatureScaling(double[] mean, double[] sd) {
        this.mean = mean;
        this.sd = sd;
    }

    /**
     * Fits the scaling to rows of features (all of one length, finite).
     *
     * @throws IllegalArgumentException for empty data, ragged rows or non-finite values, naming the row
     */
    public static FeatureScaling fit(double[][] rows) {
        int d = checkRows(rows);
        int n = rows.length;
        double[] mean = new double[d];
        double[] m2 = new double[d];
        // Welford's update: stable for large, offset values
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double delta = rows[i][j] - mean[j];
                mean[j] += delta / (i + 1);
                m2[j] += delta * (rows[i][j] - mean[j]);
            }
        }
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(m2[j] / n);
        }
        return new FeatureScaling(mean, sd);
    }

    static int checkRows(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows: at least one customer is needed");
        }
        int d = Objects.requireNonNull(rows[0], "rows[0]").length;
        if (d == 0) {
            throw new IllegalArgumentException("rows have no features");
        }
        for (int i = 0; i < rows.length; i++) {
            double[] r = Objects.requireNonNull(rows[i], "rows[" + i + "]");
            if (r.length != d) {
                throw new IllegalArgumentException("row " + i + " has " + r.length + " features, row 0 has " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(r[j])) {
                    throw new IllegalArgumentException("feature " + j + " of row " + i + " is not finite: " + r[j]);
                }
            }
        }
        return d;
    }

    /** Number of features. */
    public int dimension() {
        return mean.length;
    }

    /** Column means (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Column standard deviations (a copy). */
    public double[] standardDeviation() {
        return sd.clone();
    }

    /** One row standardized (a new array). */
    public double[] apply(double[] row) {
        check(row);
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = sd[j] == 0 ? 0 : (row[j] - mean[j]) / sd[j];
        }
        return out;
    }

    /** One standardized row back in original units (a new array). */
    public double[] invert(double[] scaled) {
        check(scaled);
        double[] out = new double[scaled.length];
        for (int j = 0; j < scaled.length; j++) {
            out[j] = mean[j] + scaled[j] * sd[j];
        }
        return out;
    }

    private void check(double[] row) {
        Objects.requireNonNull(row, "row");
        if (row.length != mean.length) {
            throw new IllegalArgumentException("row has " + row.length + " features, the scaling " + mean.length);
        }
    }
}
