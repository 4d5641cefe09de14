package dev.o2o.predict.model;

import dev.o2o.predict.data.Matrix;
import java.util.List;

/** Checks shared by the learners. Stateless. */
final class Models {
    private Models() {
    }

    static void checkColumns(List<String> expected, Matrix x) {
        if (!expected.equals(x.names())) {
            throw new IllegalArgumentException("the model expects columns " + expected + ", the matrix has " + x.names());
        }
    }

    /** A row of one value per feature; NaN is a missing value, an infinite value is refused (as a Matrix refuses it). */
    static void checkRow(List<String> features, double[] row) {
        if (row.length != features.size()) {
            throw new IllegalArgumentException("row has " + row.length + " values, the model expects " + features.size());
        }
        for (int j = 0; j < row.length; j++) {
            if (Double.isInfinite(row[j])) {
                throw new IllegalArgumentException("row value of feature '" + features.get(j) + "' (index " + j
                        + ") is infinite: " + row[j]);
            }
        }
    }

    /** Labels must be 0 or 1 and hold both classes. */
    static void checkBinary(Matrix x, double[] labels) {
        checkLength(x, labels);
        int pos = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0.0 && labels[i] != 1.0) {
                throw new IllegalArgumentException("label of row " + i + " must be 0 or 1: " + labels[i]);
            }
            pos += (int) labels[i];
        }
        if (pos == 0 || pos == labels.length) {
            throw new IllegalArgumentException("the label has one class only (all " + (pos == 0 ? 0 : 1) + " in "
                    + labels.length + " rows); a binary model needs both");
        }
    }

    static void checkLength(Matrix x, double[] labels) {
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException("labels has " + labels.length + " rows, the matrix " + x.rows());
        }
        if (x.rows() < 2) {
            throw new IllegalArgumentException("too few rows to fit: " + x.rows());
        }
        if (x.columns() == 0) {
            throw new IllegalArgumentException("no feature columns");
        }
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
    }

    /** log(1 + e^z) without overflow: the log-loss of margin z is softplus(z) − y·z. */
    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }
}
