package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormBoundsTest {

    @Test
    void reordersTheRowsInPlaceByDecreasingNormAndFindsEachItemsRow() {
        int n = 300;
        int f = 5;
        SplittableRandom r = new SplittableRandom(5);
        float[] factors = new float[n * f];
        for (int k = 0; k < factors.length; k++) {
            factors[k] = (float) (r.nextDouble() * 2 - 1);
        }
        // equal norms: ties go to the lower item index
        System.arraycopy(factors, 7 * f, factors, 200 * f, f);
        float[] byItem = factors.clone();

        NormBounds bounds = new NormBounds(factors, n, f);

        int[] seen = new int[n];
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            int o = bounds.offset(i);
            assertEquals(0, o % f);
            assertArrayEquals(Arrays.copyOfRange(byItem, i * f, i * f + f), Arrays.copyOfRange(factors, o, o + f),
                    "item " + i);
            seen[o / f]++;
        }
        for (int rank = 0; rank < n; rank++) {
            assertEquals(1, seen[rank], "rank " + rank);
            double norm = norm(factors, rank * f, f);
            assertTrue(norm <= previous, "rank " + rank);
            previous = norm;
        }
        assertEquals(bounds.offset(7) + f, bounds.offset(200));
    }

    @Test
    void aHandBuiltExample() {
        // norms 1, 3, 2: ranks 2, 0, 1
        float[] factors = {1, 0, 0, 3, 2, 0};
        NormBounds bounds = new NormBounds(factors, 3, 2);
        assertArrayEquals(new float[] {0, 3, 2, 0, 1, 0}, factors);
        assertEquals(4, bounds.offset(0));
        assertEquals(0, bounds.offset(1));
        assertEquals(2, bounds.offset(2));
    }

    private static double norm(float[] a, int o, int f) {
        double sq = 0;
        for (int k = 0; k < f; k++) {
            sq += (double) a[o + k] * a[o + k];
        }
        return Math.sqrt(sq);
    }
}
