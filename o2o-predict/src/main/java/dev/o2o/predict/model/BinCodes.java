package dev.o2o.predict.model;

/**
 * A dense two-dimensional array of bin codes, {@code outer × inner}, one byte per code when
 * every code fits in 0..255 (256 bins without missing values, or 255 with), two bytes
 * ({@code char}) otherwise. {@link Binning} keeps the training codes twice: by row (outer = row,
 * inner = feature), so that a node's histogram reads each of its rows' codes from one cache
 * line, and by column (outer = feature), so that splitting a node reads one feature's codes from
 * a column small enough for the core's cache.
 *
 * <p>What it buys: see benchmarks/RESULTS.md ({@code ## predict}) for GBM training before and
 * after (28 s with 16-bit column codes only).
 *
 * <p>Filled once by {@link #set} (different outer indices from different threads), read-only
 * afterwards; {@link #addRows} may run on several threads at once when they write to different
 * features of the histogram.
 */
final class BinCodes {
    private final int inner;
    /** The codes when they fit in a byte (read as unsigned), else null. */
    private final byte[] narrow;
    /** The codes when some exceed 255, else null. */
    private final char[] wide;

    private BinCodes(int inner, byte[] narrow, char[] wide) {
        this.inner = inner;
        this.narrow = narrow;
        this.wide = wide;
    }

    /** Room for {@code outer × inner} codes up to {@code maxCode}, all 0 until {@link #set}. */
    static BinCodes allocate(int outer, int inner, int maxCode) {
        if (maxCode < 0 || maxCode > Character.MAX_VALUE) {
            throw new IllegalArgumentException("maxCode must be in [0, 65535]: " + maxCode);
        }
        long size = (long) outer * inner;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(outer + " × " + inner + " codes exceed one array");
        }
        return maxCode <= 0xFF
                ? new BinCodes(inner, new byte[(int) size], null)
                : new BinCodes(inner, null, new char[(int) size]);
    }

    /** Whether codes take one byte each. */
    boolean narrow() {
        return narrow != null;
    }

    /** Sets a code; only while the codes are being filled. */
    void set(int outer, int inner, int code) {
        int at = outer * this.inner + inner;
        if (narrow != null) {
            narrow[at] = (byte) code;
        } else {
            wide[at] = (char) code;
        }
    }

    int code(int outer, int inner) {
        int at = outer * this.inner + inner;
        return narrow != null ? narrow[at] & 0xFF : wide[at];
    }

    /**
     * For codes by row: adds the gradient and hessian of the rows {@code idx[begin, end)} to the histogram of the
     * features {@code feats[from, to)}: bin b of feature j holds its gradient sum at
     * {@code hist[j·stride + 2b]} and its hessian sum right after. Each feature's sums are taken
     * in the order of {@code idx}, so the result does not depend on how features are shared out.
     */
    void addRows(int[] idx, int begin, int end, double[] g, double[] h, int[] feats, int from, int to,
                 int stride, double[] hist) {
        int f = inner;
        if (narrow != null && isRange(feats, from, to)) {
            addRowsNarrow(idx, begin, end, g, h, feats[from], feats[to - 1] + 1, stride, hist);
        } else if (narrow != null) {
            byte[] codes = narrow;
            for (int k = begin; k < end; k++) {
                int r = idx[k];
                int base = r * f;
                double gr = g[r];
                double hr = h[r];
                for (int q = from; q < to; q++) {
                    int j = feats[q];
                    int b = j * stride + 2 * (codes[base + j] & 0xFF);
                    hist[b] += gr;
                    hist[b + 1] += hr;
                }
            }
        } else {
            char[] codes = wide;
            for (int k = begin; k < end; k++) {
                int r = idx[k];
                int base = r * f;
                double gr = g[r];
                double hr = h[r];
                for (int q = from; q < to; q++) {
                    int j = feats[q];
                    int b = j * stride + 2 * codes[base + j];
                    hist[b] += gr;
                    hist[b + 1] += hr;
                }
            }
        }
    }

    private static boolean isRange(int[] feats, int from, int to) {
        return from < to && feats[to - 1] - feats[from] == to - 1 - from; // feats ascend
    }

    /**
     * {@link #addRows} for the one-byte codes of a range of features {@code [first, last)}: the
     * histogram offset advances by one stride per feature instead of being looked up and
     * multiplied, about 18% less time per update (1.15 against 1.40 ns on the benchmark machine).
     */
    private void addRowsNarrow(int[] idx, int begin, int end, double[] g, double[] h, int first, int last, int stride,
                               double[] hist) {
        byte[] codes = narrow;
        for (int k = begin; k < end; k++) {
            int r = idx[k];
            int base = r * inner;
            double gr = g[r];
            double hr = h[r];
            int o = first * stride;
            for (int at = base + first; at < base + last; at++, o += stride) {
                int b = o + 2 * (codes[at] & 0xFF);
                hist[b] += gr;
                hist[b + 1] += hr;
            }
        }
    }
}
