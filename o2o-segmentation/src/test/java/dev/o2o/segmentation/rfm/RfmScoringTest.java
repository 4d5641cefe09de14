package dev.o2o.segmentation.rfm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RfmScoringTest {

    /** R's quantile type 7 and cut(right = TRUE, include.lowest = TRUE), by full sort. */
    static int[] referenceSameBin(double[] v, int k) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        double[] q = new double[k - 1];
        for (int j = 1; j < k; j++) {
            double h = (n - 1) * (double) j / k;
            int lo = (int) Math.floor(h);
            q[j - 1] = s[lo] + (h - lo) * (s[Math.min(n - 1, lo + 1)] - s[lo]);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int b = 1;
            while (b < k && v[i] > q[b - 1]) {
                b++;
            }
            out[i] = b;
        }
        return out;
    }

    /** pandas: qcut(x.rank(method="first"), k), by full stable sort. */
    static int[] referenceFirstCome(double[] v, int k) {
        int n = v.length;
        Integer[] idx = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.comparingDouble(i -> v[i]));
        int[] out = new int[n];
        for (int rank = 1; rank <= n; rank++) {
            double[] edges = new double[k + 1];
            int b = 1;
            while (b < k && rank > 1 + (n - 1) * (double) b / k) {
                b++;
            }
            out[idx[rank - 1]] = b;
        }
        return out;
    }

    static int[] scores(RfmScores s, int column) {
        int[] out = new int[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = column == 0 ? s.recency(i) : column == 1 ? s.frequency(i) : s.monetary(i);
        }
        return out;
    }

    @Test
    void textbookExample() {
        double[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        RfmScores s = RfmScoring.defaults().score(RfmTable.of(ten, ten, ten));
        assertArrayEquals(new int[] {1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, scores(s, 1));
        // recency reversed: the most recent (fewest days) scores 5
        assertArrayEquals(new int[] {5, 5, 4, 4, 3, 3, 2, 2, 1, 1}, scores(s, 0));
        assertEquals(5 + 1 + 1, s.total(0), 0);
        assertEquals(511, s.code(0));
    }

    @Test
    void matchesReferenceImplementationsWithTies() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + rnd.nextInt(3000);
            int k = 2 + rnd.nextInt(8);
            double[] r = new double[n];
            double[] f = new double[n];
            double[] m = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = rnd.nextInt(1 + rnd.nextInt(400));
                f[i] = 1 + (int) Math.floor(-Math.log(1 - rnd.nextDouble()) * 2);
                m[i] = Math.round(rnd.nextDouble() * 50000) / 100.0;
            }
            RfmTable t = RfmTable.of(r, f, m);
            RfmScores same = RfmScoring.defaults().withBins(k).score(t);
            RfmScores first = RfmScoring.defaults().withBins(k).withTies(TiePolicy.FIRST_COME).score(t);
            double[][] cols = {r, f, m};
            for (int c = 0; c < 3; c++) {
                int[] refSame = referenceSameBin(cols[c], k);
                int[] refFirst = n == 1 ? new int[] {1} : referenceFirstCome(cols[c], k);
                if (c == 0) {
                    for (int i = 0; i < n; i++) {
                        refSame[i] = k + 1 - refSame[i];
                        refFirst[i] = k + 1 - refFirst[i];
                    }
                }
                assertArrayEquals(refSame, scores(same, c), "same-bin, column " + c + " n " + n + " k " + k);
                assertArrayEquals(refFirst, scores(first, c), "first-come, column " + c + " n " + n + " k " + k);
            }
            // first-come bins have equal sizes within one
            if (n >= k) {
                int min = Integer.MAX_VALUE;
                int max = 0;
                for (int b = 1; b <= k; b++) {
                    min = Math.min(min, first.countFrequency(b));
                    max = Math.max(max, first.countFrequency(b));
                }
                assertTrue(max - min <= 1, "bin sizes " + min + ".." + max);
            }
        }
    }

    @Test
    void equalValuesShareABinUnderSameBin() {
        double[] f = new double[1000];
        for (int i = 0; i < f.length; i++) {
            f[i] = i < 700 ? 1 : 2 + i % 5;
        }
        RfmScores s = RfmScoring.defaults().score(RfmTable.of(f, f, f));
        for (int i = 1; i < 700; i++) {
            assertEquals(s.frequency(0), s.frequency(i));
        }
    }

    @Test
    void weightsAndValidation() {
        double[] v = {1, 2, 3};
        RfmScores s = RfmScoring.defaults().withWeights(0.5, 0.25, 0.25).score(RfmTable.of(v, v, v));
        assertEquals(0.5 * s.recency(2) + 0.25 * s.frequency(2) + 0.25 * s.monetary(2), s.total(2), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RfmTable.of(new double[] {1, -2}, new double[] {1, 1}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("recency of customer at index 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RfmTable.of(new double[] {1}, new double[] {Double.NaN}, new double[] {1}));
        assertTrue(e.getMessage().contains("frequency"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RfmTable.of(new double[0], new double[0], new double[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RfmScoring.defaults().withBins(1));
        assertThrows(IllegalArgumentException.class, () -> RfmScoring.defaults().withWeights(-1, 1, 1));
    }

    @Test
    void scoringIsThreadSafe() throws Exception {
        Random rnd = new Random(3);
        double[] r = rnd.doubles(20_000, 0, 365).map(Math::floor).toArray();
        double[] f = rnd.doubles(20_000, 1, 20).map(Math::floor).toArray();
        double[] m = rnd.doubles(20_000, 1, 900).toArray();
        RfmTable t = RfmTable.of(r, f, m);
        RfmScoring scoring = RfmScoring.defaults();
        SegmentMap map = SegmentMap.standard();
        RfmScores expected = scoring.score(t);
        Segmentation expectedSeg = map.segment(expected);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Segmentation>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> map.segment(scoring.score(t))));
            }
            for (Future<Segmentation> fu : results) {
                Segmentation s = fu.get();
                for (int i = 0; i < s.size(); i++) {
                    assertEquals(expectedSeg.segmentId(i), s.segmentId(i));
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
