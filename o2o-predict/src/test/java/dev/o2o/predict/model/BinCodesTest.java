package dev.o2o.predict.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.predict.data.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class BinCodesTest {

    @Test
    void narrowUpTo255AndWideAbove() {
        BinCodes narrow = BinCodes.allocate(3, 2, 255);
        BinCodes wide = BinCodes.allocate(3, 2, 256);
        assertTrue(narrow.narrow());
        assertFalse(wide.narrow());
        narrow.set(2, 1, 255);
        wide.set(2, 1, 256);
        wide.set(1, 0, 65535);
        assertEquals(255, narrow.code(2, 1), "a byte is read unsigned");
        assertEquals(0, narrow.code(2, 0));
        assertEquals(256, wide.code(2, 1));
        assertEquals(65535, wide.code(1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BinCodes.allocate(1, 1, 65536));
        assertTrue(e.getMessage().contains("maxCode"), e.getMessage());
    }

    @Test
    void addRowsEqualsColumnByColumnSumsInBothWidthsAndAnyFeatureShare() {
        for (int maxCode : new int[] {255, 300}) {
            int n = 500;
            int f = 4;
            SplittableRandom r = new SplittableRandom(maxCode);
            BinCodes codes = BinCodes.allocate(n, f, maxCode);
            int[][] cols = new int[f][n];
            double[] g = new double[n];
            double[] h = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = r.nextGaussian();
                h[i] = r.nextDouble();
                for (int j = 0; j < f; j++) {
                    cols[j][i] = r.nextInt(maxCode + 1);
                    codes.set(i, j, cols[j][i]);
                }
            }
            int stride = 2 * (maxCode + 1);
            int[] idx = new int[n / 2];
            for (int k = 0; k < idx.length; k++) {
                idx[k] = 2 * k + 1; // every odd row
            }
            // feature 1 not used (a lookup per feature), then all four (a range of features, the one-byte fast path)
            for (int[] feats : new int[][] {{0, 2, 3}, {0, 1, 2, 3}}) {
                double[] expected = new double[f * stride];
                for (int j : feats) {
                    for (int k = 3; k < 200; k++) {
                        int row = idx[k];
                        expected[j * stride + 2 * cols[j][row]] += g[row];
                        expected[j * stride + 2 * cols[j][row] + 1] += h[row];
                    }
                }
                double[] all = new double[f * stride];
                codes.addRows(idx, 3, 200, g, h, feats, 0, feats.length, stride, all);
                assertArrayEquals(expected, all, 0.0, "maxCode " + maxCode + ", features " + feats.length);
                double[] shared = new double[f * stride];
                codes.addRows(idx, 3, 200, g, h, feats, 0, 1, stride, shared);
                codes.addRows(idx, 3, 200, g, h, feats, 1, feats.length, stride, shared);
                assertArrayEquals(expected, shared, 0.0, "features shared out, maxCode " + maxCode + ", features " + feats.length);
            }
        }
    }

    @Test
    void binningPicksTheWidthFromTheCodesThatOccur() {
        int n = 1000;
        double[] distinct = new double[n];
        double[] withMissing = new double[n];
        for (int i = 0; i < n; i++) {
            distinct[i] = i;
            withMissing[i] = i % 10 == 0 ? Double.NaN : i;
        }
        List<String> one = List.of("x");
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            // 256 bins, codes 0..255, no missing code in use: one byte
            Binning full = Binning.fit(Matrix.of(one, new double[][] {distinct}), 256, pool);
            assertTrue(full.byRow.narrow());
            assertEquals(255, full.cuts[0].length);
            assertEquals(0, full.byRow.code(0, 0));
            assertEquals(255, full.byRow.code(n - 1, 0));
            // 256 bins and missing values: the missing code 256 needs two bytes
            Binning missing = Binning.fit(Matrix.of(one, new double[][] {withMissing}), 256, pool);
            assertFalse(missing.byRow.narrow());
            assertEquals(256, missing.byRow.code(0, 0));
            // every code equals the binary search of its value among the cuts
            List<String> two = new ArrayList<>(List.of("a", "b"));
            Binning both = Binning.fit(Matrix.of(two, new double[][] {distinct, withMissing}), 16, pool);
            for (int i = 0; i < n; i++) {
                assertEquals(Binning.bin(both.cuts[0], distinct[i]), both.byRow.code(i, 0));
                assertEquals(both.byRow.code(i, 0), both.byColumn.code(0, i));
                assertEquals(both.byRow.code(i, 1), both.byColumn.code(1, i));
                assertEquals(i % 10 == 0 ? both.bins(1) : Binning.bin(both.cuts[1], withMissing[i]), both.byRow.code(i, 1));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void binCountsTheCutsAtMostTheValueForEveryLengthAndTie() {
        SplittableRandom r = new SplittableRandom(5);
        for (int len = 0; len <= 40; len++) {
            double[] cuts = new double[len];
            for (int k = 0; k < len; k++) {
                cuts[k] = k - len / 2; // integers, so that values can tie with cuts
            }
            for (int trial = 0; trial < 200; trial++) {
                double x = trial % 2 == 0 ? r.nextInt(-len, len + 2) : r.nextDouble(-len, len + 1);
                int expected = 0;
                for (double cut : cuts) {
                    expected += cut <= x ? 1 : 0;
                }
                assertEquals(expected, Binning.bin(cuts, x), "x " + x + " among " + len + " cuts");
            }
        }
        // -0.0 falls with 0.0, as the trees' "x < threshold" test sends it
        assertEquals(2, Binning.bin(new double[] {-1, 0, 1}, -0.0));
        assertEquals(0, Binning.bin(new double[] {-1, 0, 1}, Double.NEGATIVE_INFINITY));
        assertEquals(3, Binning.bin(new double[] {-1, 0, 1}, Double.POSITIVE_INFINITY));
    }

    @Test
    void cutsBySelectionEqualCutsFromASortedCopy() {
        SplittableRandom r = new SplittableRandom(8);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + r.nextInt(trial < 20 ? 300 : 20000);
            double[] col = new double[n];
            int kind = trial % 4;
            for (int i = 0; i < n; i++) {
                col[i] = switch (kind) {
                    case 0 -> r.nextGaussian();
                    case 1 -> r.nextInt(40); // few distinct values, many repeats
                    case 2 -> r.nextDouble() < 0.3 ? 1.5 : r.nextGaussian(); // one heavy value
                    default -> r.nextDouble() < 0.1 ? Double.NaN : i % 97; // sorted runs and missing values
                };
            }
            for (int maxBins : new int[] {2, 16, 41, 256}) {
                assertArrayEquals(sortedCuts(col, maxBins), Binning.cuts(col, maxBins), 0.0,
                        "trial " + trial + ", n " + n + ", maxBins " + maxBins);
            }
        }
    }

    /** The definition: sort, then every distinct value but the first, or the values at equally spaced ranks. */
    private static double[] sortedCuts(double[] col, int maxBins) {
        double[] v = Arrays.stream(col).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return new double[0];
        }
        double[] distinct = Arrays.stream(v).distinct().toArray();
        if (distinct.length <= maxBins) {
            return Arrays.copyOfRange(distinct, 1, distinct.length);
        }
        List<Double> out = new ArrayList<>();
        for (int q = 1; q < maxBins; q++) {
            double c = v[(int) ((long) q * v.length / maxBins)];
            if (c > v[0] && (out.isEmpty() || c > out.get(out.size() - 1))) {
                out.add(c);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
