package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The heap that hands EASE's search its candidates in decreasing bound: every candidate comes out
 * once, never after one with a smaller bound (the search stops at the first bound below the list,
 * so one out of order would drop an item from the list), also with many equal bounds.
 */
class CandidateHeapTest {

    @Test
    void popsEveryCandidateOnceInDecreasingBound() {
        SplittableRandom r = new SplittableRandom(31);
        for (int size : new int[] {0, 1, 2, 3, 7, 64, 1000}) {
            for (int t = 0; t < 20; t++) {
                double[] key = new double[size + 5];
                Int8Bounds.CandidateHeap heap = new Int8Bounds.CandidateHeap(size);
                for (int k = 0; k < size; k++) {
                    // positions need not be dense: the search skips consumed candidates
                    int position = 3 * k + 1;
                    double bound = t % 2 == 0 ? r.nextInt(5) - 2.5 : r.nextGaussian() * 1e3;
                    key = ensure(key, position);
                    key[position] = bound;
                    heap.add(position, bound);
                }
                heap.heapify();
                boolean[] popped = new boolean[3 * size + 2];
                double last = Double.POSITIVE_INFINITY;
                for (int k = 0; k < size; k++) {
                    assertFalse(heap.isEmpty());
                    double top = heap.topKey();
                    int position = heap.pop();
                    assertEquals(key[position], top, 0.0, "topKey is the popped candidate's bound");
                    assertTrue(top <= last, "size " + size + ": " + top + " after " + last);
                    assertFalse(popped[position], "position " + position + " popped twice");
                    popped[position] = true;
                    last = top;
                }
                assertTrue(heap.isEmpty());
            }
        }
    }

    @Test
    void popsTheLargestFirstWhateverTheInsertionOrder() {
        double[] bounds = {0.5, 3.0, -1.0, 3.0, 2.0, Double.NEGATIVE_INFINITY, 7.25};
        Int8Bounds.CandidateHeap heap = new Int8Bounds.CandidateHeap(bounds.length);
        for (int k = 0; k < bounds.length; k++) {
            heap.add(k, bounds[k]);
        }
        heap.heapify();
        double[] out = new double[bounds.length];
        for (int k = 0; k < bounds.length; k++) {
            out[k] = bounds[heap.pop()];
        }
        assertEquals(Arrays.toString(new double[] {7.25, 3.0, 3.0, 2.0, 0.5, -1.0, Double.NEGATIVE_INFINITY}),
                Arrays.toString(out));
    }

    private static double[] ensure(double[] a, int index) {
        return index < a.length ? a : Arrays.copyOf(a, 2 * index + 2);
    }
}
