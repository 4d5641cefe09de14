package dev.o2o.risk.forest;

/**
 * One isolation tree in flat arrays (node {@code i}: split or leaf), so that scoring a million rows
 * walks primitive arrays rather than node objects. Axis-parallel nodes test
 * {@code x[feature] <= threshold}; hyperplane nodes (extended forest) test
 * {@code sum(normal[k] * (x[k] - point[k])) <= 0}, stored as {@code normal · x <= threshold}.
 * Leaves hold their depth plus {@code c(rows at the leaf)}.
 *
 * <p>Immutable and thread-safe.
 */
final class Tree {
    /** Split feature, or -1 for a leaf, or -2 for a hyperplane node. */
    private final int[] feature;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    /** For leaves: depth + c(n). */
    private final double[] leafValue;
    /** For hyperplane nodes: the normal vector. */
    private final double[][] normal;

    Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] leafValue, double[][] normal) {
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.leafValue = leafValue;
        this.normal = normal;
    }

    double pathLength(double[] x) {
        int node = 0;
        while (true) {
            int f = feature[node];
            if (f == -1) {
                return leafValue[node];
            }
            double v;
            if (f >= 0) {
                v = x[f];
            } else {
                double[] n = normal[node];
                v = 0;
                for (int k = 0; k < n.length; k++) {
                    v += n[k] * x[k];
                }
            }
            node = v <= threshold[node] ? left[node] : right[node];
        }
    }

    int nodes() {
        return feature.length;
    }
}
