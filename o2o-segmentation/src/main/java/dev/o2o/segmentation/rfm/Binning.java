package dev.o2o.segmentation.rfm;

import java.util.Arrays;

/** Quantile binning of one column into scores 1..k. Stateless. */
final class Binning {

    private Binning() {
    }

    /**
     * Scores {@code values} into {@code out} (1..k, or k..1 when {@code reverse}).
     *
     * @param scratch a work array of at least {@code values.length}; overwritten
     */
    static void score(double[] values, int k, TiePolicy ties, boolean reverse, byte[] out, double[] scratch) {
        // values are finite: RfmTable validated them
        int n = values.length;
        System.arraycopy(values, 0, scratch, 0, n);
        if (n == 1) {
            out[0] = (byte) (reverse ? k : 1);
            return;
        }
        if (ties == TiePolicy.SAME_BIN || ties == TiePolicy.RFM_PACKAGE) {
            double[] q = quantiles(values, k, scratch);
            if (ties == TiePolicy.SAME_BIN) {
                classify(values, q, k, reverse, out);
            } else {
                classifyClosedLeft(values, q, k, reverse, out);
            }
        } else {
            firstCome(values, k, reverse, out, scratch);
        }
    }

    /** The type-7 quantiles at {@code j / k}, {@code j = 1..k-1}; reorders {@code scratch}. */
    private static double[] quantiles(double[] values, int k, double[] scratch) {
        int n = values.length;
        int[] lo = new int[k - 1];
        double[] frac = new double[k - 1];
        int[] positions = new int[2 * (k - 1)];
        int m = 0;
        for (int j = 1; j < k; j++) {
            double h = (n - 1) * (double) j / k;
            lo[j - 1] = (int) Math.floor(h);
            frac[j - 1] = h - lo[j - 1];
            m = addPosition(positions, m, lo[j - 1]);
            m = addPosition(positions, m, Math.min(n - 1, lo[j - 1] + 1));
        }
        int[] pos = Arrays.copyOf(positions, m);
        Select.orderStatistics(scratch, pos);
        double[] thresholds = new double[k - 1];
        for (int j = 0; j < k - 1; j++) {
            double a = scratch[lo[j]];
            double b = scratch[Math.min(n - 1, lo[j] + 1)];
            thresholds[j] = interpolate(a, b, frac[j]);
        }
        return thresholds;
    }

    /**
     * {@code a + frac (b - a)}, the type-7 interpolation, for {@code a <= b} and {@code frac} in [0, 1].
     * When {@code b - a} overflows (values of opposite sign near the double range) it is taken as
     * {@code a (1 - frac) + b frac}, which cannot; otherwise the first form, whose doubles
     * {@link ColumnBins} must match bit for bit.
     */
    static double interpolate(double a, double b, double frac) {
        double width = b - a;
        return Double.isInfinite(width) ? a * (1 - frac) + b * frac : a + frac * width;
    }

    /** R's rfm package: breaks at the quantiles plus one, a value at a break goes to the upper bin. */
    static void classifyClosedLeft(double[] values, double[] quantiles, int k, boolean reverse, byte[] out) {
        int t = quantiles.length;
        double[] breaks = new double[t];
        for (int j = 0; j < t; j++) {
            breaks[j] = quantiles[j] + 1;
        }
        int base = reverse ? k : 1;
        int sign = reverse ? -1 : 1;
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            int c = 0;
            for (int j = 0; j < t; j++) {
                c += x >= breaks[j] ? 1 : 0;
            }
            out[i] = (byte) (base + sign * c);
        }
    }

    private static int addPosition(int[] positions, int m, int p) {
        if (m > 0 && positions[m - 1] == p) {
            return m;
        }
        positions[m] = p;
        return m + 1;
    }

    static void classify(double[] values, double[] thresholds, int k, boolean reverse, byte[] out) {
        int t = thresholds.length;
        int base = reverse ? k : 1;
        int sign = reverse ? -1 : 1;
        if (t == 4) {
            // the default k = 5, unrolled
            double t0 = thresholds[0];
            double t1 = thresholds[1];
            double t2 = thresholds[2];
            double t3 = thresholds[3];
            for (int i = 0; i < values.length; i++) {
                double x = values[i];
                int c = (x > t0 ? 1 : 0) + (x > t1 ? 1 : 0) + (x > t2 ? 1 : 0) + (x > t3 ? 1 : 0);
                out[i] = (byte) (base + sign * c);
            }
            return;
        }
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            int c = 0;
            for (int j = 0; j < t; j++) {
                c += x > thresholds[j] ? 1 : 0;
            }
            out[i] = (byte) (base + sign * c);
        }
    }

    private static void firstCome(double[] values, int k, boolean reverse, byte[] out, double[] scratch) {
        int n = values.length;
        // cutoff[j] = number of ranks in bins 1..j+1 under pd.qcut of ranks 1..n
        long[] cutoff = new long[k - 1];
        int[] pos = new int[k - 1];
        int m = 0;
        for (int j = 1; j < k; j++) {
            cutoff[j - 1] = 1 + (long) (n - 1) * j / k;
            int p = (int) cutoff[j - 1] - 1;
            if (m == 0 || pos[m - 1] != p) {
                pos[m++] = p;
            }
        }
        Select.orderStatistics(scratch, Arrays.copyOf(pos, m));
        double[] v = new double[k - 1];
        for (int j = 0; j < k - 1; j++) {
            v[j] = scratch[(int) cutoff[j] - 1];
        }
        // distinct threshold values and how many customers lie strictly below each
        double[] distinct = new double[k - 1];
        int d = 0;
        for (double x : v) {
            if (d == 0 || distinct[d - 1] != x) {
                distinct[d++] = x;
            }
        }
        long[] below = new long[d];
        for (double x : values) {
            for (int j = 0; j < d; j++) {
                below[j] += x < distinct[j] ? 1 : 0;
            }
        }
        long[] seen = new long[d];
        int base = reverse ? k : 1;
        int sign = reverse ? -1 : 1;
        for (int i = 0; i < n; i++) {
            double x = values[i];
            int c = 0;
            int tie = -1;
            for (int j = 0; j < k - 1; j++) {
                c += x > v[j] ? 1 : 0;
            }
            for (int j = 0; j < d; j++) {
                if (x == distinct[j]) {
                    tie = j;
                    break;
                }
            }
            int bin;
            if (tie < 0) {
                bin = 1 + c;
            } else {
                long rank = below[tie] + (++seen[tie]);
                bin = (int) Math.max(1, Math.min(k, ceilDiv((rank - 1) * k, n - 1)));
            }
            out[i] = (byte) (base + sign * (bin - 1));
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
