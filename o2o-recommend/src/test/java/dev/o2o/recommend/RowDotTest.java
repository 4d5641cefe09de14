package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowDotTest {

    @Test
    void sumsEightLanesInTheDocumentedOrderForEveryLengthAndOffset() {
        SplittableRandom r = new SplittableRandom(11);
        for (int n = 0; n <= 70; n++) {
            for (int off = 0; off <= 3; off++) {
                float[] a = new float[n + off];
                double[] b = new double[n];
                for (int k = 0; k < a.length; k++) {
                    a[k] = (float) (r.nextDouble() * 2 - 1);
                }
                for (int k = 0; k < n; k++) {
                    b[k] = r.nextDouble() * 2 - 1;
                }
                double[] lane = new double[8];
                int whole = n - n % 8;
                for (int k = 0; k < whole; k++) {
                    lane[k % 8] += (double) a[off + k] * b[k];
                }
                for (int k = whole; k < n; k++) {
                    lane[0] += (double) a[off + k] * b[k];
                }
                double expected = ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
                double plain = 0;
                for (int k = 0; k < n; k++) {
                    plain += (double) a[off + k] * b[k];
                }
                double got = RowDot.dot(a, off, b, n);
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(got), n + "/" + off);
                assertEquals(plain, got, 1e-13, n + "/" + off);
            }
        }
    }

    @Test
    void aKnownSmallProduct() {
        float[] a = {9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] b = {1, 1, 1, 1, 1, 1, 1, 1, 0.5, 0.25};
        // 1+…+8 = 36, then 9·0.5 + 10·0.25 = 7 in lane 0; a[0] = 9 is before the offset
        assertEquals(43.0, RowDot.dot(a, 1, b, 10));
    }
}
