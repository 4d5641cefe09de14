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
    final double[][] cuts;
    /** Column-major bin codes; {@code char} is an unsigned 16-bit code. */
    final char[][] codes;

    private Binning(double[][] cuts, char[][] codes) {
        this.cuts = cuts;
        this.codes = codes;
    }

    /** Number of non-missing bins of feature f; its missing bin has this code. */
    int bins(int f) {
        return cuts[f].length + 1;
    }

    static Binning fit(Matrix x, int maxBins, ForkJoinPool pool) {
        int f = x.columns();
        double[][] cuts = new double[f][];
        char[][] codes = new char[f][];
        pool.submit(() -> IntStream.range(0, f).parallel().forEach(j -> {
            double[] col = Matrix.Access.view(x, j);
            cuts[j] = cuts(col, maxBins);
            codes[j] = encode(col, cuts[j]);
        })).join();
        return new Binning(cuts, codes);
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

    static char[] encode(double[] col, double[] cuts) {
        char[] out = new char[col.length];
        char missing = (char) (cuts.length + 1);
        for (int i = 0; i < col.length; i++) {
            out[i] = Double.isNaN(col[i]) ? missing : (char) bin(cuts, col[i]);
        }
        return out;
    }

    static int bin(double[] cuts, double x) {
        int p = Arrays.binarySearch(cuts, x);
        return p >= 0 ? p + 1 : -p - 1;
    }
}
