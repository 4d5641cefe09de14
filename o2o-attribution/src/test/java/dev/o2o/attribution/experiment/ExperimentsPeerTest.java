package dev.o2o.attribution.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The A/B statistics against statsmodels 0.13.5 and scipy 1.10.1: the file and the script that wrote
 * it are in src/test/resources/experiment.
 */
class ExperimentsPeerTest {

    static final Map<String, Map<String, Double>> CASES = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        InputStream in = ExperimentsPeerTest.class.getResourceAsStream("/experiment/experiments-statsmodels.csv");
        assertTrue(in != null, "missing test resource experiment/experiments-statsmodels.csv");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                CASES.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], Double.parseDouble(f[2]));
            }
        }
    }

    static double want(String c, String quantity) {
        Double v = CASES.get(c).get(quantity);
        assertTrue(v != null, c + " has no " + quantity);
        return v;
    }

    static double[] sample(String c, String prefix) {
        List<Double> xs = new ArrayList<>();
        for (int k = 0; CASES.get(c).containsKey(prefix + "_" + k); k++) {
            xs.add(CASES.get(c).get(prefix + "_" + k));
        }
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static void close(double want, double got, String what) {
        close(want, got, 1e-9, what);
    }

    static void close(double want, double got, double relative, String what) {
        assertEquals(want, got, relative * Math.max(1, Math.abs(want)), what);
    }

    @Test
    void twoProportionsAndLift() {
        long[][] counts = {{200, 1000, 250, 1000}, {12, 480, 31, 512}, {4030, 50000, 4211, 50100}, {3, 40, 9, 38}};
        double[] confidence = {0.95, 0.90, 0.99, 0.95};
        for (int i = 0; i < counts.length; i++) {
            String c = "prop" + i;
            long[] n = counts[i];
            TestResult t = Experiments.twoProportionZTest(n[0], n[1], n[2], n[3], confidence[i]);
            close(want(c, "statistic"), t.statistic(), c + " z");
            close(want(c, "p"), t.pValue(), c + " p");
            close(want(c, "lower"), t.lower(), c + " lower");
            close(want(c, "upper"), t.upper(), c + " upper");
            Interval lift = Experiments.relativeLift(n[0], n[1], n[2], n[3], confidence[i]);
            close(want(c, "liftLower"), lift.lower(), c + " lift lower");
            close(want(c, "liftUpper"), lift.upper(), c + " lift upper");
        }
    }

    @Test
    void welch() {
        double[] confidence = {0.95, 0.90};
        for (int i = 0; i < confidence.length; i++) {
            String c = "welch" + i;
            double[] a = sample(c, "a");
            double[] b = sample(c, "b");
            assertTrue(a.length >= 12 && b.length >= 12, c);
            TestResult t = Experiments.welchTTest(a, b, confidence[i]);
            close(want(c, "statistic"), t.statistic(), 1e-12, c + " t");
            // commons-math3's t distribution is accurate to about 2e-10 in probability, which moves the
            // quantile, and so the interval, in the 9th digit
            close(want(c, "p"), t.pValue(), 1e-8, c + " p");
            close(want(c, "lower"), t.lower(), 1e-8, c + " lower");
            close(want(c, "upper"), t.upper(), 1e-8, c + " upper");
        }
    }

    @Test
    void chiSquare() {
        long[][][] tables = {{{120, 80, 50}, {90, 110, 60}}, {{30, 10}, {20, 25}},
            {{5, 7, 9, 11}, {13, 2, 8, 4}, {6, 6, 6, 7}}};
        for (int i = 0; i < tables.length; i++) {
            String c = "chi" + i;
            ChiSquareResult r = Experiments.chiSquareIndependence(tables[i]);
            close(want(c, "statistic"), r.statistic(), c + " statistic");
            close(want(c, "p"), r.pValue(), c + " p");
            assertEquals((int) want(c, "df"), r.degreesOfFreedom(), c + " df");
        }
    }

    @Test
    void sampleSizeForProportions() {
        double[][] cases = {{0.5, 0.1, 0.05, 0.8}, {0.05, 0.01, 0.05, 0.9}, {0.2, -0.03, 0.01, 0.8}};
        for (int i = 0; i < cases.length; i++) {
            double[] x = cases[i];
            // statsmodels gives the real-valued size; ours is that, rounded up
            assertEquals((long) Math.ceil(want("size" + i, "n")),
                    Experiments.sampleSizeForProportions(x[0], x[1], x[2], x[3]), "size" + i);
        }
    }
}
