package dev.o2o.risk.forest;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Grows one {@link Tree} on a subsample. Not thread-safe: one per tree. */
final class TreeBuilder {
    private final double[][] rows;
    private final int d;
    private final int maxDepth;
    private final boolean extended;
    private final SplittableRandom rnd;

    private int[] feature = new int[64];
    private double[] threshold = new double[64];
    private double[] scaledThreshold = new double[64];
    private int[] left = new int[64];
    private int[] right = new int[64];
    private double[] leafValue = new double[64];
    private double[][] normal = new double[64][];
    private int count;

    TreeBuilder(double[][] rows, int d, int maxDepth, boolean extended, SplittableRandom rnd) {
        this.rows = rows;
        this.d = d;
        this.maxDepth = maxDepth;
        this.extended = extended;
        this.rnd = rnd;
    }

    Tree build(int[] sample) {
        grow(sample, 0, sample.length, 0);
        return new Tree(Arrays.copyOf(feature, count), Arrays.copyOf(threshold, count),
                Arrays.copyOf(scaledThreshold, count), Arrays.copyOf(left, count),
                Arrays.copyOf(right, count), Arrays.copyOf(leafValue, count), Arrays.copyOf(normal, count));
    }

    private int newNode() {
        if (count == feature.length) {
            int n = count * 2;
            feature = Arrays.copyOf(feature, n);
            threshold = Arrays.copyOf(threshold, n);
            scaledThreshold = Arrays.copyOf(scaledThreshold, n);
            left = Arrays.copyOf(left, n);
            right = Arrays.copyOf(right, n);
            leafValue = Arrays.copyOf(leafValue, n);
            normal = Arrays.copyOf(normal, n);
        }
        return count++;
    }

    private int leaf(int node, int n, int depth) {
        feature[node] = -1;
        leafValue[node] = depth + IsolationForest.averagePathLength(n);
        return node;
    }

    /** Grows the node for {@code idx[from, to)}; returns its index. */
    private int grow(int[] idx, int from, int to, int depth) {
        int node = newNode();
        int n = to - from;
        if (depth >= maxDepth || n <= 1) {
            return leaf(node, n, depth);
        }
        double[] min = new double[d];
        double[] max = new double[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = from; i < to; i++) {
            double[] r = rows[idx[i]];
            for (int j = 0; j < d; j++) {
                min[j] = Math.min(min[j], r[j]);
                max[j] = Math.max(max[j], r[j]);
            }
        }
        int[] varying = new int[d];
        int nv = 0;
        for (int j = 0; j < d; j++) {
            if (max[j] > min[j]) {
                varying[nv++] = j;
            }
        }
        if (nv == 0) {
            return leaf(node, n, depth);
        }
        int mid;
        if (extended) {
            double[] w = new double[d];
            double t = 0;
            double scaled = 0;
            for (int j = 0; j < d; j++) {
                w[j] = gaussian();
                double p = between(min[j], max[j], rnd.nextDouble());
                t += w[j] * p;
                scaled += w[j] * Tree.scaleDown(p);
            }
            feature[node] = -2;
            normal[node] = w;
            threshold[node] = t;
            scaledThreshold[node] = scaled;
            mid = partition(idx, from, to, node);
        } else {
            int f = varying[rnd.nextInt(nv)];
            double t = between(min[f], max[f], rnd.nextDouble());
            feature[node] = f;
            threshold[node] = t;
            mid = partition(idx, from, to, node);
        }
        int l = grow(idx, from, mid, depth + 1);
        int r = grow(idx, mid, to, depth + 1);
        left[node] = l;
        right[node] = r;
        return node;
    }

    /**
     * {@code min + u (max - min)}, computed on the halves where {@code max - min} passes the largest
     * double (finite values of opposite signs): an infinite split point would send every row one way
     * and split nothing. Halving and doubling are exact, so the point is the one the same data
     * scaled down by a power of two would give, scaled back.
     */
    private static double between(double min, double max, double u) {
        double span = max - min;
        return Double.isFinite(span) ? min + u * span : 2 * between(min / 2, max / 2, u);
    }

    private double gaussian() {
        // Box-Muller from the tree's own stream, so that the seed alone fixes the forest
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Moves the rows on the left of {@code node}'s split first. */
    private int partition(int[] idx, int from, int to, int node) {
        int i = from;
        int j = to - 1;
        while (i <= j) {
            double[] r = rows[idx[i]];
            int f = feature[node];
            if (f >= 0 ? r[f] <= threshold[node] : Tree.belowPlane(r, normal[node], threshold[node], scaledThreshold[node])) {
                i++;
            } else {
                int tmp = idx[i];
                idx[i] = idx[j];
                idx[j] = tmp;
                j--;
            }
        }
        return i;
    }
}
