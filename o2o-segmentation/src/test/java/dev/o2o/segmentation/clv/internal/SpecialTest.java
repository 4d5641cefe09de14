package dev.o2o.segmentation.clv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpecialTest {

    @Test
    void closedForms() {
        for (double z : new double[] {0.01, 0.3, 0.7, 0.99, 0.9999}) {
            // 2F1(1, 1; 2; z) = -ln(1 - z) / z
            assertEquals(Math.log(-Math.log1p(-z) / z), Special.log2F1(1, 1, 2, z), 1e-12);
            // 2F1(a, b; b; z) = (1 - z)^-a
            assertEquals(-2.5 * Math.log1p(-z), Special.log2F1(2.5, 3, 3, z), 1e-11);
            // 2F1(1/2, 1; 3/2; z^2)... use 2F1(a, 1; a + 1; z) for a = 1 as above; and atanh:
            // 2F1(1/2, 1; 3/2; w) = atanh(sqrt w) / sqrt w
            double w = Math.sqrt(z);
            double atanh = 0.5 * Math.log((1 + w) / (1 - w));
            assertEquals(Math.log(atanh / w), Special.log2F1(0.5, 1, 1.5, z), 1e-11);
        }
        assertEquals(0, Special.log2F1(3, 4, 5, 0), 0);
    }

    @Test
    void largeParametersStayFinite() {
        // (1 - z)^-a with a = 5000 is e^{23000}: far beyond double, fine in log space
        double v = Special.log2F1(5000, 7, 7, 0.99);
        assertEquals(-5000 * Math.log1p(-0.99), v, 1e-8 * Math.abs(v));
        assertTrue(Double.isFinite(Special.log2F1(800.5, 1.6, 801.5, 0.95)));
        assertTrue(Double.isFinite(Special.log2F1(800.5, 600.2, 801.5, 0.95)));
    }

    /**
     * Against mpmath at 60 digits, up to 5,000 purchases and 1 - z = 1e-7, where the series alone
     * would need millions of terms and the integral takes over.
     */
    @Test
    void log2F1MatchesMpmathOnTheModelsParameterShapes() throws java.io.IOException {
        java.io.InputStream in = SpecialTest.class.getResourceAsStream("/special/log2f1-mpmath.csv");
        assertTrue(in != null, "missing test resource special/log2f1-mpmath.csv");
        int rows = 0;
        double worst = 0;
        try (java.io.BufferedReader r = new java.io.BufferedReader(
                new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                double a = Double.parseDouble(f[0]);
                double b = Double.parseDouble(f[1]);
                double c = Double.parseDouble(f[2]);
                double z = Double.parseDouble(f[3]);
                double want = Double.parseDouble(f[4]);
                double got = Special.log2F1(a, b, c, z);
                double err = Math.abs(got - want) / Math.max(1, Math.abs(want));
                worst = Math.max(worst, err);
                assertEquals(want, got, 1e-12 * Math.max(1, Math.abs(want)), line);
                rows++;
            }
        }
        assertEquals(120, rows);
        System.out.println("log2F1 vs mpmath: worst relative error " + worst + " over " + rows + " cases");
    }

    @Test
    void logSumAndDiff() {
        assertEquals(Math.log(Math.exp(3) + Math.exp(1)), Special.logSumExp(3, 1), 1e-14);
        assertEquals(1000 + Math.log(2), Special.logSumExp(1000, 1000), 1e-12);
        assertEquals(Math.log(Math.exp(3) - Math.exp(1)), Special.logDiffExp(3, 1), 1e-14);
        assertEquals(Math.log(1e-10), Special.logDiffExp(0, Math.log1p(-1e-10)), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> Special.logDiffExp(1, 2));
        assertThrows(IllegalArgumentException.class, () -> Special.log2F1(1, 1, 2, 1));
    }
}
