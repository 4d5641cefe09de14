package dev.o2o.risk.forest;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * An isolation forest: trees grown on small random subsamples by random splits, so that rows
 * isolated in few splits are anomalies (Liu, Ting and Zhou 2008). Follows scikit-learn's
 * {@code IsolationForest}: subsamples without replacement, depth limit
 * {@code ceil(log2(sampleSize))}, a feature chosen among those not constant in the node and a
 * threshold uniform between its minimum and maximum there, leaves scored by their depth plus the
 * average path length {@code c(n)} of their training rows.
 *
 * <p>{@link #score(double[])} is {@code 2^(-E[h(x)] / c(sampleSize))} in {@code (0, 1]}: higher is
 * more anomalous, about 0.5 and below for ordinary rows. It equals minus scikit-learn's
 * {@code score_samples}.
 *
 * <p>Immutable after {@link #fit} and thread-safe.
 */
public final class IsolationForest {

    private static final double EULER_GAMMA = 0.5772156649015329;

    private final int features;
    private final ForestConfig config;
    private final int sampleSize;
    private final Tree[] trees;

    private IsolationForest(int features, ForestConfig config, int sampleSize, Tree[] trees) {
        this.features = features;
        this.config = config;
        this.sampleSize = sampleSize;
        this.trees = trees;
    }

    /**
     * Grows a forest on {@code rows} (at least two, each of the same number of features, no NaN or
     * infinity).
     *
     * @throws IllegalArgumentException naming the row and feature of a bad value, or for fewer than two rows
     */
    public static IsolationForest fit(double[][] rows, ForestConfig config) {
        Objects.requireNonNull(config, "config");
        int d = checkRows(rows);
        int psi = Math.min(config.sampleSize(), rows.length);
        int maxDepth = (int) Math.ceil(Math.log(Math.max(psi, 2)) / Math.log(2));
        Tree[] trees = new Tree[config.trees()];
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom[] streams = new SplittableRandom[trees.length];
        for (int t = 0; t < trees.length; t++) {
            streams[t] = root.split();
        }
        for (int t = 0; t < trees.length; t++) {
            int[] sample = sampleWithoutReplacement(rows.length, psi, streams[t]);
            trees[t] = new TreeBuilder(rows, d, maxDepth, config.extended(), streams[t]).build(sample);
        }
        return new IsolationForest(d, config, psi, trees);
    }

    private static int checkRows(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        // with one row c(sampleSize) is 0 and every score 2^(-0/0), NaN
        if (rows.length < 2) {
            throw new IllegalArgumentException("an isolation forest needs at least two rows: " + rows.length);
        }
        int d = Objects.requireNonNull(rows[0], "row 0").length;
        if (d == 0) {
            throw new IllegalArgumentException("rows need at least one feature");
        }
        for (int i = 0; i < rows.length; i++) {
            checkRow(rows[i], d, i);
        }
        return d;
    }

    private static void checkRow(double[] row, int d, int index) {
        if (row == null) {
            // built only when thrown: scoring checks every row
            throw new NullPointerException("row " + index);
        }
        if (row.length != d) {
            throw new IllegalArgumentException("row " + index + " has " + row.length + " features, expected " + d);
        }
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException("row " + index + ", feature " + j + " is " + row[j]
                        + ": features must be finite numbers");
            }
        }
    }

    /** Partial Fisher-Yates: {@code k} distinct indexes of {@code 0..n-1}. */
    private static int[] sampleWithoutReplacement(int n, int k, SplittableRandom rnd) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        return Arrays.copyOf(all, k);
    }

    /**
     * The average path length of an unsuccessful search in a binary search tree of {@code n} rows:
     * {@code 2 H(n-1) - 2 (n-1) / n} with {@code H(i) ~ ln(i) + γ}; 0 for one row, 1 for two
     * (scikit-learn's {@code _average_path_length}).
     */
    static double averagePathLength(double n) {
        if (n <= 1) {
            return 0;
        }
        if (n <= 2) {
            return 1;
        }
        return 2.0 * (Math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n;
    }

    /**
     * The anomaly score of one row, in {@code (0, 1]}, higher is more anomalous.
     *
     * @throws IllegalArgumentException for a wrong number of features or a NaN or infinite value
     */
    public double score(double[] row) {
        checkRow(row, features, 0);
        return scoreUnchecked(row);
    }

    private double scoreUnchecked(double[] row) {
        double depth = 0;
        for (Tree t : trees) {
            depth += t.pathLength(row);
        }
        return Math.pow(2, -(depth / trees.length) / averagePathLength(sampleSize));
    }

    /**
     * The scores of many rows, computed in parallel on the common fork-join pool.
     *
     * @throws IllegalArgumentException naming the row and feature of a bad value
     */
    public double[] scoreAll(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        for (int i = 0; i < rows.length; i++) {
            checkRow(rows[i], features, i);
        }
        double[] out = new double[rows.length];
        int chunk = 4096;
        IntStream.range(0, (rows.length + chunk - 1) / chunk).parallel().forEach(c -> {
            int end = Math.min(rows.length, (c + 1) * chunk);
            for (int i = c * chunk; i < end; i++) {
                out[i] = scoreUnchecked(rows[i]);
            }
        });
        return out;
    }

    /** The number of features. */
    public int features() {
        return features;
    }

    /** The configuration it was grown with. */
    public ForestConfig config() {
        return config;
    }

    /** The rows each tree was grown on: the configured sample size or all rows if fewer. */
    public int sampleSize() {
        return sampleSize;
    }
}
