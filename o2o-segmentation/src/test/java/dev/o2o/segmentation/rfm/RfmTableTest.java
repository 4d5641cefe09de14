package dev.o2o.segmentation.rfm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RfmTableTest {

    @Test
    void tableFromFunctionsEqualsTableFromArrays() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 1_000;
        long[] lastDay = new long[n];
        int[] count = new int[n];
        long[] cents = new long[n];
        for (int i = 0; i < n; i++) {
            lastDay[i] = 20_000 + rnd.nextInt(400);
            count[i] = 1 + rnd.nextInt(6);
            cents[i] = rnd.nextLong(1, 1_000_000);
        }
        double[] r = new double[n];
        double[] f = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = 20_400 - lastDay[i];
            f[i] = count[i];
            m[i] = cents[i] / 100.0;
        }
        RfmTable fromArrays = RfmTable.of(r, f, m);
        RfmTable fromFunctions = RfmTable.of(n, i -> 20_400 - lastDay[i], i -> count[i], i -> cents[i] / 100.0);
        assertEquals(n, fromFunctions.size());
        assertArrayEquals(fromArrays.recencyDays(), fromFunctions.recencyDays());
        assertArrayEquals(fromArrays.frequency(), fromFunctions.frequency());
        assertArrayEquals(fromArrays.monetary(), fromFunctions.monetary());
        assertTrue(fromFunctions.key(0).isEmpty());
        RfmScores a = RfmScoring.defaults().score(fromArrays);
        RfmScores b = RfmScoring.defaults().score(fromFunctions);
        for (int i = 0; i < n; i++) {
            assertEquals(a.recency(i), b.recency(i));
            assertEquals(a.frequency(i), b.frequency(i));
            assertEquals(a.monetary(i), b.monetary(i));
        }
    }

    @Test
    void tableFromFunctionsValidatesEveryValueAndTheSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RfmTable.of(3, i -> i == 2 ? -1 : 0, i -> 1, i -> 1));
        assertEquals("recency of customer at index 2 must be finite and >= 0 days, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RfmTable.of(3, i -> 0, i -> 1, i -> i == 1 ? Double.NaN : 1));
        assertTrue(e.getMessage().startsWith("monetary of customer at index 1 must be finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RfmTable.of(0, i -> 0, i -> 1, i -> 1));
        assertTrue(e.getMessage().startsWith("RFM table is empty"), e.getMessage());
        assertThrows(NullPointerException.class, () -> RfmTable.of(1, null, i -> 1, i -> 1));
    }
}
