package dev.o2o.predict.model;

import dev.o2o.predict.data.Matrix;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Quantile bins per feature: the cut values {@code t_0 < t_1 < ...} put a value x into bin
 * {@code #(cuts <= x)}, so "bins up to b" is exactly {@code x < t_b}, the test the trees store.
 * A missing value gets the bin after the last one. With at most {@code maxBins} distinct values
 * every distinct value has its own bin; otherwise cuts are values at equally spaced ranks.
 * Immutable after construction.
 */
final class Binning {
    /** Rows encoded per task. */
    private static final int BLOCK = 4096;

    final double[][] cuts;
    /** The training codes by row ({@code byRow.code(row, feature)}), for histograms. */
    final BinCodes byRow;
    /** The same codes by column ({@code byColumn.code(feature, row)}), for splitting a node's rows. */
    final BinCodes byColumn;

    private Binning(double[][] cuts, BinCodes byRow, BinCodes byColumn) {
        this.cuts = cuts;
        this.byRow = byRow;
        this.byColumn = byColumn;
    }

    /** Number of non-missing bins of feature f; its missing bin has this code. */
    int bins(int f) {
        return cuts[f].length + 1;
    }

    static Binning fit(Matrix x, int maxBins, ForkJoinPool pool) {
        int f = x.columns();
        int n = x.rows();
        double[][] cuts = new double[f][];
        int[] maxCode = new int[f];
        pool.submit(() -> IntStream.range(0, f).parallel().forEach(j -> {
            double[] col = Matrix.Access.view(x, j);
            cuts[j] = cuts(col, maxBins);
            boolean missing = Arrays.stream(col).anyMatch(Double::isNaN);
            maxCode[j] = missing ? cuts[j].length + 1 : cuts[j].length;
        })).join();
        int max = Arrays.stream(maxCode).max().orElse(0);
        BinCodes byRow = BinCodes.allocate(n, f, max);
        BinCodes byColumn = BinCodes.allocate(f, n, max);
        pool.submit(() -> IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().forEach(block -> {
            int end = Math.min(n, (block + 1) * BLOCK);
            for (int j = 0; j < f; j++) {
                double[] col = Matrix.Access.view(x, j);
                int missing = cuts[j].length + 1;
                for (int i = block * BLOCK; i < end; i++) {
                    int code = Double.isNaN(col[i]) ? missing : bin(cuts[j], col[i]);
                    byRow.set(i, j, code);
                    byColumn.set(j, i, code);
                }
            }
        })).join();
        return new Binning(cuts, byRow, byColumn);
    }

    static double[] cuts(double[] col, int maxBins) {
        double[] v = Arrays.stream(col).filter(d -> !Double.isNaN(d)).toArray();
        if (v.length == 0) {
            return new double[0];
        }
        Arrays.sort(v);
        int distinct = 1;
        for (int i = 1; i < v.length; i++) {
            if (v[i] != v[i - 1]) {
                distinct++;
            }
        }
        double[] out;
        int k = 0;
        if (distinct <= maxBins) {
            out = new double[distinct - 1];
            for (int i = 1; i < v.length; i++) {
                if (v[i] != v[i - 1]) {
                    out[k++] = v[i];
                }
            }
            return out;
        }
        out = new double[maxBins - 1];
        for (int q = 1; q < maxBins; q++) {
            double c = v[(int) ((long) q * v.length / maxBins)];
            if (c > v[0] && (k == 0 || c > out[k - 1])) {
                out[k++] = c;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /**
     * The bin of a non-missing value: the number of cuts at most x, compared as the trees compare
     * ({@code -0.0} equals {@code 0.0}). The halving steps pick their side without a branch (a
     * conditional move), since which side a value falls on is a coin toss to the processor.
     */
    static int bin(double[] cuts, double x) {
        int lo = 0; // cuts before lo are <= x, cuts from lo + len on are > x
        int len = cuts.length;
        while (len > 1) {
            int half = len >>> 1;
            lo = cuts[lo + half - 1] <= x ? lo + half : lo;
            len -= half;
        }
        return len == 0 ? 0 : lo + (cuts[lo] <= x ? 1 : 0);
    }
}
