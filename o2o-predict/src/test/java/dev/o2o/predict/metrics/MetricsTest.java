package dev.o2o.predict.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void aucCountsTiesAsOneHalf() {
        // pairs (pos, neg): scores pos {0.8, 0.5}, neg {0.5, 0.2, 0.9}
        double[] y = {1, 1, 0, 0, 0};
        double[] s = {0.8, 0.5, 0.5, 0.2, 0.9};
        // 0.8 beats 0.5, 0.2, loses to 0.9: 2; 0.5 ties 0.5 (0.5), beats 0.2, loses 0.9: 1.5 -> 3.5 / 6
        assertEquals(3.5 / 6, Metrics.rocAuc(y, s), 1e-15);
        assertEquals(1.0, Metrics.rocAuc(new double[] {0, 1}, new double[] {0, 1}));
        assertEquals(0.5, Metrics.rocAuc(new double[] {0, 1, 0, 1}, new double[] {3, 3, 3, 3}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.rocAuc(new double[] {1, 1}, new double[] {0.1, 0.2}));
        assertTrue(e.getMessage().contains("both classes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.rocAuc(new double[] {0, 2}, new double[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> Metrics.rocAuc(new double[] {0, 1}, new double[] {0, Double.NaN}));
    }

    @Test
    void groupMeanAucSkipsAndCountsOneClassGroups() {
        String[] g = {"a", "a", "a", "b", "b", "c", "c"};
        double[] y = {1, 0, 0, 1, 1, 0, 1};
        double[] s = {0.9, 0.5, 0.95, 0.1, 0.2, 0.3, 0.3};
        Metrics.GroupAuc r = Metrics.groupMeanAuc(g, y, s);
        assertEquals(2, r.scored());
        assertEquals(1, r.skipped()); // group b holds positives only
        assertEquals((0.5 + 0.5) / 2, r.mean(), 1e-15); // a: 0.9 beats 0.5, loses 0.95; c: tie
    }

    @Test
    void logLossBrierCalibrationAndGains() {
        double[] y = {1, 0, 1, 0};
        double[] p = {0.9, 0.2, 0.6, 0.4};
        double ll = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6) + Math.log(0.6)) / 4;
        assertEquals(ll, Metrics.logLoss(y, p), 1e-15);
        assertEquals((0.01 + 0.04 + 0.16 + 0.16) / 4, Metrics.brier(y, p), 1e-15);
        assertEquals(-Math.log(Metrics.LOG_LOSS_EPS) / 1, Metrics.logLoss(new double[] {1}, new double[] {0}), 1e-9);
        List<Metrics.CalibrationBin> bins = Metrics.calibration(y, p, 2);
        assertEquals(2, bins.get(0).count()); // 0.2, 0.4
        assertEquals(0.3, bins.get(0).meanPredicted(), 1e-15);
        assertEquals(0.0, bins.get(0).observedRate());
        assertEquals(1.0, bins.get(1).observedRate());
        List<Metrics.GainsPoint> gains = Metrics.gains(y, p, 2);
        assertEquals(2, gains.get(0).targeted());
        assertEquals(2, gains.get(0).positives());
        assertEquals(1.0, gains.get(0).gain());
        assertEquals(2.0, gains.get(0).lift());
        assertEquals(1.0, gains.get(1).lift());
        assertThrows(IllegalArgumentException.class, () -> Metrics.brier(y, new double[] {0, 0, 0, 1.5}));
    }
    /**
     * GroupAuc's constructor checked only the counts: a mean AUC of 1.5, a mean with no scored
     * group, or NaN with scored groups could be built.
     */
    @Test
    void groupAucRefusesAMeanThatDisagreesWithItsCounts() {
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
                () -> new Metrics.GroupAuc(1.5, 2, 0));
        assertEquals("mean AUC of 2 scored groups must be in [0, 1]: 1.5", high.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new Metrics.GroupAuc(Double.NaN, 2, 0));
        assertEquals("mean AUC of 2 scored groups must be in [0, 1]: NaN", nan.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new Metrics.GroupAuc(0.7, 0, 3));
        assertEquals("mean AUC with no scored group must be NaN: 0.7", none.getMessage());
        assertTrue(Double.isNaN(new Metrics.GroupAuc(Double.NaN, 0, 3).mean()));
        assertEquals(0.25, new Metrics.GroupAuc(0.25, 1, 0).mean());
    }
}
