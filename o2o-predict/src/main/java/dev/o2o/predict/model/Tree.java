package dev.o2o.predict.model;

import java.io.Serializable;
/**
 * One regression tree in arrays: node 0 is the root; an internal node sends a row left when
 * {@code x < threshold}, or, when x is missing, to its default side; a leaf has {@code left = -1}
 * and a value. Immutable after construction (the arrays are not exposed).
 */
final class Tree implements Serializable {
    private static final long serialVersionUID = 1L;
    final int[] feature;
    final double[] threshold;
    final boolean[] defaultLeft;
    final int[] left;
    final int[] right;
    final double[] value;
    final double[] gain;
    final double[] cover;

    Tree(int[] feature, double[] threshold, boolean[] defaultLeft, int[] left, int[] right, double[] value,
         double[] gain, double[] cover) {
        int n = feature.length;
        if (threshold.length != n || defaultLeft.length != n || left.length != n || right.length != n
                || value.length != n || gain.length != n || cover.length != n) {
            throw new IllegalArgumentException("tree arrays must have one entry per node (" + n + ")");
        }
        for (int i = 0; i < n; i++) {
            if (left[i] >= 0 && (left[i] >= n || right[i] < 0 || right[i] >= n || left[i] <= i || right[i] <= i)) {
                throw new IllegalArgumentException("node " + i + " has bad children " + left[i] + ", " + right[i]);
            }
            if (left[i] < 0 && !Double.isFinite(value[i])) {
                throw new IllegalArgumentException("leaf " + i + " has a non-finite value " + value[i]);
            }
        }
        this.feature = feature;
        this.threshold = threshold;
        this.defaultLeft = defaultLeft;
        this.left = left;
        this.right = right;
        this.value = value;
        this.gain = gain;
        this.cover = cover;
    }

    int nodes() {
        return feature.length;
    }

    double predict(double[] row) {
        int n = 0;
        while (left[n] >= 0) {
            double x = row[feature[n]];
            n = x < threshold[n] ? left[n] : Double.isNaN(x) ? (defaultLeft[n] ? left[n] : right[n]) : right[n];
        }
        return value[n];
    }
}
