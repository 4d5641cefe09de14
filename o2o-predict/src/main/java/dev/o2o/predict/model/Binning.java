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

    /**
     * The cut values of one column: with at most {@code maxBins} distinct values, every distinct
     * value but the smallest; otherwise the values a sort would put at ranks
     * {@code ⌊q·len/maxBins⌋, q = 1..maxBins−1}, above the smallest value and without repeats. The
     * ranks are found by selection rather than a full sort (about half the comparisons for a million
     * values; the results are the same numbers).
     */
    static double[] cuts(double[] col, int maxBins) {
        double[] v = Arrays.stream(col).filter(d -> !Double.isNaN(d)).toArray();
        if (v.length == 0) {
            return new double[0];
        }
        double[] distinct = distinctUpTo(v, maxBins);
        if (distinct != null) {
            return Arrays.copyOfRange(distinct, 1, distinct.length);
        }
        int[] ranks = new int[maxBins - 1];
        for (int q = 1; q < maxBins; q++) {
            ranks[q - 1] = (int) ((long) q * v.length / maxBins);
        }
        double min = Arrays.stream(v).min().orElseThrow();
        select(v, 0, v.length, ranks, 0, ranks.length);
        double[] out = new double[maxBins - 1];
        int k = 0;
        for (int rank : ranks) {
            double c = v[rank];
            if (c > min && (k == 0 || c > out[k - 1])) {
                out[k++] = c;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** The distinct values of v in ascending order ({@code -0.0} as {@code 0.0}), or null when there are more than max. */
    private static double[] distinctUpTo(double[] v, int max) {
        int size = Integer.highestOneBit(2 * max + 1) * 2; // an open-addressing set at most half full
        long[] keys = new long[size];
        boolean[] used = new boolean[size];
        double[] out = new double[max];
        int count = 0;
        for (double x : v) {
            long key = Double.doubleToLongBits(x + 0.0);
            int at = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & (size - 1);
            while (used[at] && keys[at] != key) {
                at = (at + 1) & (size - 1);
            }
            if (!used[at]) {
                if (count == max) {
                    return null;
                }
                used[at] = true;
                keys[at] = key;
                out[count++] = x + 0.0;
            }
        }
        double[] sorted = Arrays.copyOf(out, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * Puts at every rank {@code ranks[rlo, rhi)} (ascending, within {@code [lo, hi)}) the value a
     * sort of {@code v[lo, hi)} would put there: three-way partitions around a median of three,
     * descending only into the parts that hold ranks.
     */
    private static void select(double[] v, int lo, int hi, int[] ranks, int rlo, int rhi) {
        while (rlo < rhi) {
            if (hi - lo <= 32) {
                Arrays.sort(v, lo, hi);
                return;
            }
            double p = medianOf3(v[lo], v[(lo + hi) >>> 1], v[hi - 1]);
            int lt = lo; // [lo, lt) < p, [lt, i) == p, [gt, hi) > p
            int i = lo;
            int gt = hi;
            while (i < gt) {
                double x = v[i];
                if (x < p) {
                    v[i++] = v[lt];
                    v[lt++] = x;
                } else if (x > p) {
                    v[i] = v[--gt];
                    v[gt] = x;
                } else {
                    i++;
                }
            }
            int a = rlo;
            while (a < rhi && ranks[a] < lt) {
                a++;
            }
            int b = a; // ranks[a, b) fall on values equal to p: done
            while (b < rhi && ranks[b] < gt) {
                b++;
            }
            select(v, lo, lt, ranks, rlo, a);
            lo = gt;
            rlo = b;
        }
    }

    private static double medianOf3(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
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
