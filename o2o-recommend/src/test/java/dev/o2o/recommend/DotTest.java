package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DotTest {

    @Test
    void matchesThePlainSumForEveryLengthAndOffset() {
        double[] a = new double[20];
        double[] b = new double[20];
        for (int i = 0; i < 20; i++) {
            a[i] = i * 0.5 - 3;
            b[i] = 1.0 / (i + 1);
        }
        for (int n = 0; n <= 9; n++) {
            for (int off = 0; off <= 3; off++) {
                double plain = 0;
                for (int k = 0; k < n; k++) {
                    plain += a[off + k] * b[2 + k];
                }
                assertEquals(plain, Dot.dot(a, off, b, 2, n), 1e-12, n + "/" + off);
            }
        }
    }

    @Test
    void theFloatFormEqualsTheDoubleFormOnAWidenedCopyToTheBit() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int t = 0; t < 200; t++) {
            int n = r.nextInt(70);
            float[] a = new float[n + 3];
            double[] wide = new double[n + 3];
            double[] b = new double[n];
            for (int k = 0; k < n + 3; k++) {
                a[k] = (float) (r.nextDouble() * 2 - 1);
                wide[k] = a[k];
            }
            for (int k = 0; k < n; k++) {
                b[k] = r.nextDouble() * 2 - 1;
            }
            assertEquals(Double.doubleToLongBits(Dot.dot(wide, 3, b, 0, n)),
                    Double.doubleToLongBits(Dot.dot(a, 3, b, 0, n)), "length " + n);
        }
    }
}
