package dev.o2o.core.privacy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaplaceMechanismTest {

    @Test
    void reproducibleWithASeed() {
        LaplaceMechanism a = LaplaceMechanism.of(0.5, 1, 42);
        LaplaceMechanism b = LaplaceMechanism.of(0.5, 1, 42);
        LaplaceMechanism c = LaplaceMechanism.of(0.5, 1, 43);
        for (int i = 0; i < 100; i++) {
            double x = a.release(1000);
            assertEquals(x, b.release(1000));
            assertNotEquals(x, c.release(1000));
        }
        assertEquals(2.0, a.scale());
    }

    @Test
    void noiseHasTheLaplaceMomentsAndTails() {
        // b = sensitivity / epsilon = 2 / 0.5 = 4: mean 0, variance 2 b^2 = 32, P(|X| > b) = e^-1
        LaplaceMechanism m = LaplaceMechanism.of(0.5, 2, 7);
        int n = 400_000;
        double sum = 0;
        double sumSq = 0;
        int beyond = 0;
        for (int i = 0; i < n; i++) {
            double x = m.noise();
            sum += x;
            sumSq += x * x;
            if (Math.abs(x) > 4) {
                beyond++;
            }
        }
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        // standard errors: mean sqrt(32 / n) = 0.009; variance sqrt((24 b^4 - 4 b^4) / n) = 0.11; tail share 0.0008
        assertEquals(0, mean, 0.04);
        assertEquals(32, var, 0.6);
        assertEquals(Math.exp(-1), (double) beyond / n, 0.004);
    }

    @Test
    void countsAreRoundedAndClamped() {
        LaplaceMechanism m = LaplaceMechanism.forCounts(1.0, 3);
        for (int i = 0; i < 1000; i++) {
            long r = m.releaseCount(0);
            assertTrue(r >= 0);
        }
        LaplaceMechanism big = LaplaceMechanism.forCounts(1.0, 3);
        long total = 0;
        for (int i = 0; i < 10_000; i++) {
            total += big.releaseCount(1000);
        }
        assertEquals(1000.0, total / 10_000.0, 0.05);
        assertThrows(IllegalArgumentException.class, () -> LaplaceMechanism.of(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> LaplaceMechanism.of(1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> LaplaceMechanism.of(Double.NaN, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> big.releaseCount(-1));
        assertThrows(IllegalArgumentException.class, () -> big.release(Double.POSITIVE_INFINITY));
    }
}
