package dev.o2o.risk.forest;

/**
 * One isolation tree in flat arrays (node {@code i}: split or leaf), so that scoring a million rows
 * walks primitive arrays rather than node objects. Axis-parallel nodes test
 * {@code x[feature] <= threshold}; hyperplane nodes (extended forest) test
 * {@code sum(normal[k] * (x[k] - point[k])) <= 0}, stored as {@code normal · x <= threshold} (see
 * {@link #belowPlane} for rows whose sums overflow).
 * Leaves hold their depth plus {@code c(rows at the leaf)}.
 *
 * <p>Immutable and thread-safe.
 */
final class Tree {
    /** Split feature, or -1 for a leaf, or -2 for a hyperplane node. */
    private final int[] feature;
    private final double[] threshold;
    /** For hyperplane nodes: the threshold of rows scaled by {@link #scaleDown}. */
    private final double[] scaledThreshold;
    private final int[] left;
    private final int[] right;
    /** For leaves: depth + c(n). */
    private final double[] leafValue;
    /** For hyperplane nodes: the normal vector. */
    private final double[][] normal;

    Tree(int[] feature, double[] threshold, double[] scaledThreshold, int[] left, int[] right, double[] leafValue,
         double[][] normal) {
        this.feature = feature;
        this.threshold = threshold;
        this.scaledThreshold = scaledThreshold;
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
            boolean goesLeft = f >= 0 ? x[f] <= threshold[node]
                    : belowPlane(x, normal[node], threshold[node], scaledThreshold[node]);
            node = goesLeft ? left[node] : right[node];
        }
    }

    /**
     * Whether row {@code x} goes left at a hyperplane node: {@code normal · x <= threshold}. For
     * features near the largest double that sum (and the threshold, a sum too) can overflow to
     * infinity, or to NaN where overflows of both signs meet, and send rows the wrong way; then both
     * sides are compared on the row scaled by {@link #scaleDown}. Scaling by a power of two is exact
     * except for terms below about 1e-143, which cannot matter beside one that overflowed, so the row
     * goes where the same data scaled down would send it.
     */
    static boolean belowPlane(double[] x, double[] normal, double threshold, double scaledThreshold) {
        double v = 0;
        for (int k = 0; k < normal.length; k++) {
            v += normal[k] * x[k];
        }
        if (Double.isFinite(v) && Double.isFinite(threshold)) {
            return v <= threshold;
        }
        double scaled = 0;
        for (int k = 0; k < normal.length; k++) {
            scaled += normal[k] * scaleDown(x[k]);
        }
        return scaled <= scaledThreshold;
    }

    /** {@code v} times 2^-600: far enough below the largest double that sums of products with normals cannot overflow. */
    static double scaleDown(double v) {
        return Math.scalb(v, -600);
    }

    int nodes() {
        return feature.length;
    }
}
