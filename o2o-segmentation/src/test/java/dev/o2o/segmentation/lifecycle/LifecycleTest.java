package dev.o2o.segmentation.lifecycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    static List<LocalDate> daysAgo(int... ago) {
        List<LocalDate> out = new ArrayList<>();
        for (int a : ago) {
            out.add(AS_OF.minusDays(a));
        }
        return out;
    }

    @Test
    void fixedThresholds() {
        LifecyclePolicy p = LifecyclePolicy.fixed(30, 60, 180);
        assertEquals(LifecycleStage.NEW, p.stageOf(daysAgo(10), AS_OF));
        assertEquals(LifecycleStage.NEW, p.stageOf(daysAgo(29, 3), AS_OF));
        assertEquals(LifecycleStage.ACTIVE, p.stageOf(daysAgo(300, 250, 200, 150, 100, 20), AS_OF));
        assertEquals(LifecycleStage.SLEEPING, p.stageOf(daysAgo(300, 60), AS_OF));
        assertEquals(LifecycleStage.CHURNED, p.stageOf(daysAgo(400, 180), AS_OF));
        assertEquals(LifecycleStage.WON_BACK, p.stageOf(daysAgo(400, 5), AS_OF));
        // purchases after asOf are not seen; repeats count once
        assertEquals(LifecycleStage.CHURNED, p.stageOf(daysAgo(400, 200, 200, -5), AS_OF));
        assertThrows(IllegalArgumentException.class, () -> p.stageOf(daysAgo(-1), AS_OF));
        assertThrows(IllegalArgumentException.class, () -> LifecyclePolicy.fixed(30, 60, 60));
    }

    @Test
    void relativeToOwnRhythm() {
        LifecyclePolicy p = LifecyclePolicy.relative(2, 4, LifecyclePolicy.fixed(30, 60, 180));
        // weekly buyer, 20 days silent: sleeping (>= 14) but not churned (< 28)
        assertEquals(LifecycleStage.SLEEPING, p.stageOf(daysAgo(90, 83, 76, 69, 62, 55, 48, 41, 34, 27, 20), AS_OF));
        // same silence for a quarterly buyer is still active
        assertEquals(LifecycleStage.ACTIVE, p.stageOf(daysAgo(380, 290, 200, 110, 20), AS_OF));
        // weekly buyer silent 30 days: churned
        assertEquals(LifecycleStage.CHURNED, p.stageOf(daysAgo(100, 93, 86, 79, 72, 65, 58, 51, 44, 37, 30), AS_OF));
        // weekly buyer back after 60 days
        assertEquals(LifecycleStage.WON_BACK, p.stageOf(daysAgo(130, 123, 116, 109, 102, 95, 88, 81, 74, 67, 2), AS_OF));
        // a single old purchase falls back to fixed thresholds
        assertEquals(LifecycleStage.SLEEPING, p.stageOf(daysAgo(100), AS_OF));
        assertThrows(IllegalArgumentException.class, () -> LifecyclePolicy.relative(3, 2, LifecyclePolicy.fixed(1, 2, 3)));
    }

    @Test
    void valueTiersByCumulativeShare() {
        double[] revenue = {50, 5, 30, 10, 3, 2, 0};
        ValueTier[] tiers = ValueTiers.defaults().assign(revenue);
        // 50 + 30 = 80 of 100: high; 10 + 5 reach 95: medium; rest low
        assertArrayEquals(new ValueTier[] {ValueTier.HIGH, ValueTier.MEDIUM, ValueTier.HIGH, ValueTier.MEDIUM,
                ValueTier.LOW, ValueTier.LOW, ValueTier.LOW}, tiers);
        assertArrayEquals(new ValueTier[] {ValueTier.LOW, ValueTier.LOW}, ValueTiers.defaults().assign(new double[2]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValueTiers.defaults().assign(new double[] {1, -1}));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
    }

    /**
     * Revenues whose total exceeds the double range (each finite) made the total and the share targets
     * Infinity: three equal customers came out HIGH, HIGH, LOW instead of all HIGH (two thirds is below
     * 80%). Shares do not depend on the unit, so the sums are taken in a power-of-two scale.
     */
    @Test
    void valueTiersOfRevenuesWhoseTotalExceedsTheDoubleRange() {
        assertArrayEquals(new ValueTier[] {ValueTier.HIGH, ValueTier.HIGH, ValueTier.HIGH},
                ValueTiers.defaults().assign(new double[] {1e308, 1e308, 1e308}));
        // the same shares as {50, 5, 30, 10, 3, 2, 0} at a huge scale
        double[] revenue = {50e306, 5e306, 30e306, 10e306, 3e306, 2e306, 0};
        assertArrayEquals(ValueTiers.defaults().assign(new double[] {50, 5, 30, 10, 3, 2, 0}),
                ValueTiers.defaults().assign(revenue));
    }

    @Test
    void valueTiersAgainstBruteForce() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(60);
            double[] revenue = new double[n];
            for (int i = 0; i < n; i++) {
                revenue[i] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(8) * 10;
            }
            ValueTiers vt = new ValueTiers(0.5 + rnd.nextInt(4) * 0.1, 0.1);
            ValueTier[] tiers = vt.assign(revenue);
            // brute force: stable order by revenue desc, index asc
            Integer[] idx = new Integer[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                idx[i] = i;
                total += revenue[i];
            }
            java.util.Arrays.sort(idx, (a, b) -> revenue[a] != revenue[b] ? Double.compare(revenue[b], revenue[a])
                    : Integer.compare(a, b));
            double cum = 0;
            for (Integer i : idx) {
                ValueTier expected;
                if (revenue[i] == 0 || total == 0) {
                    expected = ValueTier.LOW;
                } else if (cum < vt.highShare() * total * (1 - 1e-9)) {
                    expected = ValueTier.HIGH;
                } else if (cum < (vt.highShare() + vt.mediumShare()) * total * (1 - 1e-9)) {
                    expected = ValueTier.MEDIUM;
                } else {
                    expected = ValueTier.LOW;
                }
                cum += revenue[i];
                assertEquals(expected, tiers[i], "trial " + trial + " index " + i);
            }
        }
    }
}
