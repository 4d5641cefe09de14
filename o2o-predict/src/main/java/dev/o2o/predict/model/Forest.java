package dev.o2o.predict.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The trees of a model flattened into one set of arrays for scoring: every node of every tree
 * in one place, the two children of a node side by side (left at {@code child[n]}, right at
 * {@code child[n] + 1}). A leaf points to itself (threshold NaN, missing values "left"), so a
 * row can take exactly as many steps as its tree is deep whichever leaf it reaches.
 *
 * <p>What it buys (benchmarks/RESULTS.md, {@code ## predict}; one row 3.9 µs and 1,000,000
 * rows 1.5 s with one {@link Tree} object per tree before): no per-tree object, no branch on
 * the side a row goes or on whether a node is a leaf, which the processor cannot predict; and a
 * block of rows (copied row by row into one small array) advances level by level, each row
 * independent of the others. Gives exactly
 * {@link Tree#predict}'s leaf values.
 *
 * <p>Immutable and thread-safe.
 */
final class Forest implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int[] root;
    private final int[] depth;
    private final int[] feature;
    private final double[] threshold;
    /** The thresholds with +∞ at the leaves, for {@link #addFinite}. */
    private final double[] thresholdOrInfinity;
    private final int[] child;
    /** 0 when a missing value goes left, 1 when right. */
    private final byte[] missingRight;
    private final double[] value;

    Forest(List<Tree> trees) {
        int total = 0;
        for (Tree t : trees) {
            total += t.nodes();
        }
        root = new int[trees.size()];
        depth = new int[trees.size()];
        feature = new int[total];
        threshold = new double[total];
        thresholdOrInfinity = new double[total];
        child = new int[total];
        missingRight = new byte[total];
        value = new double[total];
        int[] next = {0};
        for (int i = 0; i < trees.size(); i++) {
            root[i] = next[0]++;
            depth[i] = copy(trees.get(i), 0, root[i], next);
        }
        for (int n = 0; n < total; n++) {
            thresholdOrInfinity[n] = child[n] == n ? Double.POSITIVE_INFINITY : threshold[n];
        }
    }

    /**
     * Copies node {@code n} of {@code t} to slot {@code at}; its children get the next two free
     * slots. Returns the depth of the subtree below it.
     */
    private int copy(Tree t, int n, int at, int[] next) {
        if (t.left[n] < 0) {
            threshold[at] = Double.NaN;
            child[at] = at;
            value[at] = t.value[n];
            return 0;
        }
        feature[at] = t.feature[n];
        threshold[at] = t.threshold[n];
        missingRight[at] = (byte) (t.defaultLeft[n] ? 0 : 1);
        int c = next[0];
        next[0] += 2;
        child[at] = c;
        return 1 + Math.max(copy(t, t.left[n], c, next), copy(t, t.right[n], c + 1, next));
    }

    /**
     * The child of node n for value x (n itself for a leaf), computed without branches: which way
     * a row goes is a coin toss to the processor's branch predictor.
     */
    private int next(int n, double x) {
        double t = threshold[n];
        int right = x >= t ? 1 : 0;
        int missing = 1 - right - (x < t ? 1 : 0); // 1 when x or t (at a leaf) is NaN
        return child[n] + right + missing * missingRight[n];
    }

    int trees() {
        return root.length;
    }

    /**
     * {@code start} plus the trees' leaf values for one row, added in tree order. Two trees are
     * walked side by side (the deeper one's depth; a leaf stays put), so that the processor
     * overlaps two chains of dependent loads.
     */
    double sum(double start, double[] row) {
        double s = start;
        int t = 0;
        for (; t + 1 < root.length; t += 2) {
            int a = root[t];
            int b = root[t + 1];
            for (int d = Math.max(depth[t], depth[t + 1]); d > 0; d--) {
                a = next(a, row[feature[a]]);
                b = next(b, row[feature[b]]);
            }
            s += value[a];
            s += value[b];
        }
        if (t < root.length) {
            int n = root[t];
            for (int d = depth[t]; d > 0; d--) {
                n = next(n, row[feature[n]]);
            }
            s += value[n];
        }
        return s;
    }

    /**
     * Adds tree {@code t}'s leaf value of {@code len} rows to {@code out[from + k]}: row k's
     * values are {@code rows[k·width, (k+1)·width)}; {@code node} is scratch space of at least
     * {@code len} entries.
     */
    void add(int t, double[] rows, int width, int len, double[] out, int from, int[] node) {
        Arrays.fill(node, 0, len, root[t]);
        for (int d = depth[t]; d > 0; d--) {
            for (int k = 0; k < len; k++) {
                int n = node[k];
                node[k] = next(n, rows[k * width + feature[n]]);
            }
        }
        for (int k = 0; k < len; k++) {
            out[from + k] += value[node[k]];
        }
    }

    /**
     * {@link #add} for rows with no missing value, no infinite value and no {@code -0.0} (callers
     * turn it into {@code 0.0}, which compares the same): the side is the sign bit of
     * {@code x − t}, which is clear exactly when {@code x >= t} (equal finite values give
     * {@code +0.0}; distinct ones a non-zero difference, and an overflow keeps its sign). At a
     * leaf, t is +∞ and the row stays. About a quarter less time per step than {@link #add}
     * (1.6 against 2.2 ns on the benchmark machine): two comparisons the compiler may turn into
     * branches become one subtraction.
     */
    void addFinite(int t, double[] rows, int width, int len, double[] out, int from, int[] node) {
        Arrays.fill(node, 0, len, root[t]);
        for (int d = depth[t]; d > 0; d--) {
            for (int k = 0; k < len; k++) {
                int n = node[k];
                double x = rows[k * width + feature[n]];
                node[k] = child[n] + (int) (~Double.doubleToRawLongBits(x - thresholdOrInfinity[n]) >>> 63);
            }
        }
        for (int k = 0; k < len; k++) {
            out[from + k] += value[node[k]];
        }
    }
}
