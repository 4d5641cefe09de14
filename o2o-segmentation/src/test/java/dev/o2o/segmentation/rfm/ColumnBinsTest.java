package dev.o2o.segmentation.rfm;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ColumnBinsTest {

    /** Scores a column through ColumnBins the way a distributed engine would: sorted order statistics, ranks. */
    private static int[] viaBins(double[] values, int k, TiePolicy ties, boolean reverse) {
        int n = values.length;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        long[] pos = ColumnBins.positions(n, k, ties);
        double[] at = new double[pos.length];
        for (int i = 0; i < pos.length; i++) {
            at[i] = sorted[(int) pos[i]];
        }
        ColumnBins bins = ColumnBins.of(n, k, ties, reverse, at);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double x = values[i];
            if (bins.rankDependent(x)) {
                long below = Arrays.stream(values).filter(v -> v < x).count();
                long before = 0;
                for (int j = 0; j <= i; j++) {
                    before += values[j] == x ? 1 : 0;
                }
                out[i] = bins.scoreByRank(below + before);
            } else {
                out[i] = bins.score(x);
            }
        }
        return out;
    }

    /**
     * Monetary values may be negative (net of refunds): between -1e308 and 1e308 the quantile
     * interpolation a + frac (b - a) overflowed to Infinity, so 1e308 scored 2 of 5 instead of 4; in
     * RfmScoring and in ColumnBins alike.
     */
    @Test
    void quantilesBetweenValuesOfOppositeSignNearTheDoubleRange() {
        double[] m = {-1e308, 1e308, -1e308, 1e308};
        double[] zero = new double[4];
        RfmScores s = new RfmScoring(5, TiePolicy.SAME_BIN, 1, 1, 1).score(RfmTable.of(zero, zero, m));
        int[] scores = new int[4];
        for (int i = 0; i < 4; i++) {
            scores[i] = s.monetary(i);
        }
        assertArrayEquals(new int[] {1, 4, 1, 4}, scores);
        assertArrayEquals(new int[] {1, 4, 1, 4}, viaBins(m, 5, TiePolicy.SAME_BIN, false));
    }

    @Test
    void equalsRfmScoringForEveryPolicyAndSize() {
        Random random = new Random(20);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(trial < 60 ? 8 : 400);
            int k = 2 + random.nextInt(8);
            int distinct = 1 + random.nextInt(trial % 3 == 0 ? 4 : 50);
            double[] r = new double[n];
            double[] f = new double[n];
            double[] m = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = random.nextInt(distinct);
                f[i] = 1 + random.nextInt(distinct);
                m[i] = Math.round(random.nextDouble() * 1000 * distinct) / 100.0;
            }
            for (TiePolicy ties : TiePolicy.values()) {
                RfmScores expected = new RfmScoring(k, ties, 1, 1, 1).score(RfmTable.of(r, f, m));
                int[] er = new int[n];
                int[] ef = new int[n];
                int[] em = new int[n];
                for (int i = 0; i < n; i++) {
                    er[i] = expected.recency(i);
                    ef[i] = expected.frequency(i);
                    em[i] = expected.monetary(i);
                }
                String what = "trial " + trial + " n " + n + " k " + k + " " + ties;
                assertArrayEquals(er, viaBins(r, k, ties, true), what + " recency");
                assertArrayEquals(ef, viaBins(f, k, ties, false), what + " frequency");
                assertArrayEquals(em, viaBins(m, k, ties, false), what + " monetary");
            }
        }
    }

    @Test
    void positionsAreAscendingAndDistinct() {
        long[] pos = ColumnBins.positions(3, 5, TiePolicy.SAME_BIN);
        assertArrayEquals(new long[] {0, 1, 2}, pos);
    }

    @Test
    void refusesMismatchedValuesAndRankScoringOutsideFirstCome() {
        assertThrows(IllegalArgumentException.class, () -> ColumnBins.of(10, 5, TiePolicy.SAME_BIN, false, new double[1]));
        ColumnBins bins = ColumnBins.of(1, 5, TiePolicy.SAME_BIN, true, new double[0]);
        assertEquals(5, bins.score(3));
        assertThrows(IllegalStateException.class, () -> bins.scoreByRank(1));
    }
}
