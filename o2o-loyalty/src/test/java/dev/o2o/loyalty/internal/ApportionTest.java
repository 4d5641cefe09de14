package dev.o2o.loyalty.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The largest-remainder split: exact sums, earlier part on ties, the long and the exact path agree. */
class ApportionTest {

    @Test
    void splitsExactlyWithTiesToTheEarlierPart() {
        assertArrayEquals(new long[] {3, 2, 2}, Apportion.split(7, new long[] {1, 1, 1}));
        assertArrayEquals(new long[] {0, 5, 0}, Apportion.split(5, new long[] {0, 3, 0}));
        assertArrayEquals(new long[] {50, 25}, Apportion.split(75, new long[] {5087, 2473}));
        assertArrayEquals(new long[] {0, 0}, Apportion.split(0, new long[] {0, 0}));
        assertThrows(IllegalStateException.class, () -> Apportion.split(1, new long[] {0, 0}));
    }

    @Test
    void theLongAndTheExactPathsAgree() {
        Random random = new Random(23);
        long big = 1L << 45; // weights this large take the exact path (products pass a long)
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 1 + random.nextInt(6);
            long[] small = new long[n];
            long[] scaled = new long[n];
            for (int i = 0; i < n; i++) {
                small[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(10_000);
                scaled[i] = small[i] * big;
            }
            small[0] += 1;
            scaled[0] += big;
            long total = random.nextInt(5_000);
            long[] a = Apportion.split(total, small);
            assertArrayEquals(a, Apportion.split(total, scaled), "trial " + trial);
            long sum = 0;
            for (long v : a) {
                sum += v;
            }
            assertEquals(total, sum);
        }
    }
}
