package dev.o2o.attribution.experiment;

import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentsTest {

    @Test
    void twoProportionZTestByHandAndAgainstChiSquare() {
        TestResult r = Experiments.twoProportionZTest(200, 1000, 250, 1000, 0.95);
        // pooled p = 0.225, se = sqrt(0.225 * 0.775 * 0.002)
        double z = 0.05 / Math.sqrt(0.225 * 0.775 * 0.002);
        assertEquals(z, r.statistic(), 1e-12);
        assertEquals(2.6774, r.statistic(), 1e-4);
        assertEquals(0.05, r.estimate(), 1e-15);
        // for a 2x2 table the pooled z-test is the chi-square test without continuity correction
        long[][] table = {{200, 800}, {250, 750}};
        ChiSquareTest cm = new ChiSquareTest();
        assertEquals(cm.chiSquare(table), r.statistic() * r.statistic(), 1e-9);
        assertEquals(cm.chiSquareTest(table), r.pValue(), 1e-9);
        double se = Math.sqrt(0.2 * 0.8 / 1000 + 0.25 * 0.75 / 1000);
        assertEquals(0.05 - 1.959963984540054 * se, r.lower(), 1e-9);
        assertEquals(0.05 + 1.959963984540054 * se, r.upper(), 1e-9);
        assertTrue(r.significant(0.05));
        assertThrows(IllegalArgumentException.class, () -> Experiments.twoProportionZTest(5, 4, 1, 2, 0.95));
        assertThrows(IllegalArgumentException.class, () -> Experiments.twoProportionZTest(1, 4, 1, 2, 1.0));
    }

    @Test
    void welchAgainstCommonsMath() {
        Random rnd = new Random(3);
        for (int k = 0; k < 5; k++) {
            double[] a = new double[20 + rnd.nextInt(30)];
            double[] b = new double[10 + rnd.nextInt(40)];
            for (int i = 0; i < a.length; i++) {
                a[i] = 10 + 2 * rnd.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = 10.8 + 4 * rnd.nextGaussian();
            }
            TestResult r = Experiments.welchTTest(a, b, 0.95);
            TTest cm = new TTest();
            assertEquals(-cm.t(a, b), r.statistic(), 1e-9);
            assertEquals(cm.tTest(a, b), r.pValue(), 1e-9);
            // the (1 - p) interval just touches zero
            TestResult edge = Experiments.welchTTest(a, b, 1 - r.pValue());
            assertEquals(0.0, r.estimate() > 0 ? edge.lower() : edge.upper(), 1e-9);
        }
        // textbook summaries: means 20.0 / 22.0, sd 4 / 6, n 30 / 25
        TestResult s = Experiments.welchTTest(new SampleSummary(30, 20, 16), new SampleSummary(25, 22, 36), 0.95);
        double va = 16.0 / 30;
        double vb = 36.0 / 25;
        assertEquals(2 / Math.sqrt(va + vb), s.statistic(), 1e-12);
        assertEquals((va + vb) * (va + vb) / (va * va / 29 + vb * vb / 24), s.degreesOfFreedom(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Experiments.welchTTest(new double[] {1}, new double[] {1, 2}, 0.9));
    }

    @Test
    void chiSquareAgainstCommonsMath() {
        long[][] table = {{120, 90, 40}, {110, 95, 45}, {60, 80, 70}};
        ChiSquareResult r = Experiments.chiSquareIndependence(table);
        ChiSquareTest cm = new ChiSquareTest();
        assertEquals(cm.chiSquare(table), r.statistic(), 1e-9);
        assertEquals(cm.chiSquareTest(table), r.pValue(), 1e-12);
        assertEquals(4, r.degreesOfFreedom());
        assertThrows(IllegalArgumentException.class, () -> Experiments.chiSquareIndependence(new long[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> Experiments.chiSquareIndependence(new long[][] {{1, 0}, {2, 0}}));
        assertThrows(IllegalArgumentException.class, () -> Experiments.chiSquareIndependence(new long[][] {{1, 2}, {2}}));
    }

    @Test
    void chiSquarePValueKeepsItsDigitsFarInTheTail() {
        // chi-square 200 on 1 degree of freedom: p = erfc(10) = 2.0885e-45, which 1 - cdf rounded to 0
        ChiSquareResult r = Experiments.chiSquareIndependence(new long[][] {{300, 100}, {100, 300}});
        assertEquals(200.0, r.statistic(), 1e-9);
        assertEquals(2.0884875837625447e-45, r.pValue(), 2.0884875837625447e-45 * 1e-9);
        // beyond the double range it underflows to 0, without an exception
        assertEquals(0.0, Experiments.chiSquareIndependence(new long[][] {{1_000_000, 1}, {1, 1_000_000}}).pValue(), 0);
        assertEquals(1.0, Experiments.chiSquareIndependence(new long[][] {{10, 10}, {10, 10}}).pValue(), 0);
    }

    @Test
    void sampleSizeAndPower() {
        // Fleiss without continuity correction: 0.5 vs 0.6, alpha 0.05, power 0.8 -> 388 per group
        long n = Experiments.sampleSizeForProportions(0.5, 0.1, 0.05, 0.8);
        assertEquals(388, n);
        assertTrue(Experiments.powerForProportions(0.5, 0.1, 0.05, n) >= 0.8);
        assertTrue(Experiments.powerForProportions(0.5, 0.1, 0.05, n - 1) < 0.8);
        assertEquals(Experiments.sampleSizeForProportions(0.5, 0.1, 0.05, 0.8),
                Experiments.sampleSizeForProportions(0.6, -0.1, 0.05, 0.8));
        // means: 2 * (1.96 + 0.8416)^2 / 0.5^2 = 62.8 -> 63 per group
        assertEquals(63, Experiments.sampleSizeForMeans(1, 0.5, 0.05, 0.8));
        assertThrows(IllegalArgumentException.class, () -> Experiments.sampleSizeForProportions(0.5, 0.6, 0.05, 0.8));
        assertThrows(IllegalArgumentException.class, () -> Experiments.sampleSizeForMeans(1, 0.5, 0.05, 1.0));
    }

    @Test
    void sampleSizeIsNeverZeroOrSaturated() {
        // a NaN effect gave 0 subjects per group
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Experiments.sampleSizeForMeans(1, Double.NaN, 0.05, 0.8));
        assertTrue(e.getMessage().contains("mde") && e.getMessage().contains("NaN"), e.getMessage());
        // sizes beyond a long were returned as Long.MAX_VALUE
        e = assertThrows(IllegalArgumentException.class, () -> Experiments.sampleSizeForMeans(1, 1e-12, 0.05, 0.8));
        assertTrue(e.getMessage().contains("1.0E-12"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Experiments.sampleSizeForProportions(0.5, 1e-12, 0.05, 0.8));
        assertTrue(e.getMessage().contains("1.0E-12"), e.getMessage());
        // the largest sizes that fit are still given
        long large = Experiments.sampleSizeForMeans(1, 1e-5, 0.05, 0.8);
        assertTrue(large > 1.5e11 && large < 1.6e11, "per group: " + large);
    }

    @Test
    void relativeLiftAndIncrementality() {
        Interval lift = Experiments.relativeLift(100, 2000, 150, 2000, 0.95);
        assertEquals(0.5, lift.estimate(), 1e-12);
        double se = Math.sqrt(1.0 / 150 - 1.0 / 2000 + 1.0 / 100 - 1.0 / 2000);
        assertEquals(1.5 * Math.exp(-1.959963984540054 * se) - 1, lift.lower(), 1e-9);
        assertEquals(1.5 * Math.exp(1.959963984540054 * se) - 1, lift.upper(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Experiments.relativeLift(0, 10, 1, 10, 0.95));

        Incrementality inc = Experiments.incrementality(600, 10_000, 100, 2000, 0.95);
        assertEquals(100.0, inc.incrementalConversions().estimate(), 1e-9);
        double half = 1.959963984540054 * Math.sqrt(0.06 * 0.94 / 10_000 + 0.05 * 0.95 / 2000) * 10_000;
        assertEquals(100 - half, inc.incrementalConversions().lower(), 1e-6);
        assertEquals(100 + half, inc.incrementalConversions().upper(), 1e-6);
        assertEquals(0.2, inc.relativeLift().estimate(), 1e-12);
    }

    @Test
    void incrementalityWithoutHoldoutConversionsNamesTheHoldout() {
        // the error spoke of groups A and B, which the caller of incrementality never named
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Experiments.incrementality(50, 1000, 0, 1000, 0.95));
        assertTrue(e.getMessage().contains("holdoutConversions=0"), e.getMessage());
    }

    @Test
    void zTestOnTrialsWhoseSumOverflowsALong() {
        long half = Long.MAX_VALUE / 2 + 10;
        // trialsA + trialsB wrapped to a negative long: pooled rate < 0, NaN standard error, z = 0 and p = 1
        TestResult r = Experiments.twoProportionZTest(half - 10, half, 5, half, 0.95);
        assertEquals(-1.0, r.estimate(), 1e-12);
        assertTrue(r.statistic() < -1e9, "z " + r.statistic());
        assertEquals(0.0, r.pValue(), 0);
    }

    @Test
    void sampleSummaryOfFewValuesCannotCarryASpread() {
        // a variance for a single value was kept and then silently ignored by merge; a mean for no value too
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SampleSummary(1, 3, 5));
        assertTrue(e.getMessage().contains("variance") && e.getMessage().contains("5.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SampleSummary(0, 3, 0));
        assertTrue(e.getMessage().contains("mean") && e.getMessage().contains("3.0"), e.getMessage());
        assertEquals(new SampleSummary(1, 3, 0), SampleSummary.of(new double[] {3}));
        assertEquals(new SampleSummary(0, 0, 0), SampleSummary.of(new double[0]));
    }

    @Test
    void sampleSummaryMerges() {
        double[] all = {1, 2, 4, 7, 11, 16};
        SampleSummary whole = SampleSummary.of(all);
        SampleSummary merged = SampleSummary.of(new double[] {1, 2, 4}).merge(SampleSummary.of(new double[] {7, 11, 16}));
        assertEquals(whole.mean(), merged.mean(), 1e-12);
        assertEquals(whole.variance(), merged.variance(), 1e-12);
        assertEquals(new org.apache.commons.math3.stat.descriptive.moment.Variance().evaluate(all), whole.variance(), 1e-12);
    }

    @Test
    void thompsonSamplingIsSeededAndFindsTheBetterArm() {
        double[] rates = {0.05, 0.10, 0.07};
        int[] first = run(rates, 17);
        assertArrayEquals(first, run(rates, 17));
        int[] counts = new int[3];
        for (int i = 2500; i < first.length; i++) {
            counts[first[i]]++;
        }
        assertTrue(counts[1] > 0.8 * 2500, "late choices of the best arm: " + counts[1]);
        ThompsonSampler s = ThompsonSampler.create(2, 1);
        double sum = 0;
        for (double x : s.allocation(1000)) {
            sum += x;
        }
        assertEquals(1.0, sum, 1e-9);
        assertThrows(IllegalArgumentException.class, () -> s.update(2, true));
        assertThrows(IllegalArgumentException.class, () -> ThompsonSampler.create(1, 1));
    }

    private static int[] run(double[] rates, long seed) {
        ThompsonSampler s = ThompsonSampler.create(rates.length, seed);
        Random outcomes = new Random(seed);
        int[] chosen = new int[5000];
        for (int i = 0; i < chosen.length; i++) {
            int arm = s.choose();
            chosen[i] = arm;
            s.update(arm, outcomes.nextDouble() < rates[arm]);
        }
        return chosen;
    }
}
