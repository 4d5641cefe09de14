package dev.o2o.risk.signals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoreAnomaliesTest {
    @Test
    void robustZByHand() {
        // median 3, absolute deviations 0 1 1 2 97: MAD 1, so z(10) = 0.6745 * 7
        assertEquals(0.6745 * 7, StoreAnomalies.robustZ(10, new double[] {1, 2, 3, 4, 100}), 1e-12);
        // MAD 0 (most values equal): mean absolute deviation (0+0+0+0+5)/5 = 1, scale 1.2533
        assertEquals(2 / 1.2533, StoreAnomalies.robustZ(7, new double[] {5, 5, 5, 5, 10}), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, StoreAnomalies.robustZ(6, new double[] {5, 5, 5}));
        assertEquals(0, StoreAnomalies.robustZ(5, new double[] {5, 5, 5}));
        assertTrue(Double.isNaN(StoreAnomalies.robustZ(5, new double[] {5, 5})));
    }

    @Test
    void aClerkFarFromItsHistoryAndItsPeersIsFlaggedTwice() {
        List<StoreAnomalies.Series> s = List.of(
                new StoreAnomalies.Series("clerk-a", "city-1", "verifications", new double[] {40, 42, 38, 41, 39}, 160),
                new StoreAnomalies.Series("clerk-b", "city-1", "verifications", new double[] {35, 36, 37, 34, 35}, 36),
                new StoreAnomalies.Series("clerk-c", "city-1", "verifications", new double[] {44, 45, 43, 44, 46}, 45),
                new StoreAnomalies.Series("clerk-d", "city-1", "verifications", new double[] {30, 31, 29, 30, 28}, 31));
        List<Signal> out = StoreAnomalies.detect(s, 3.5);
        assertEquals(List.of(StoreAnomalies.OWN_HISTORY, StoreAnomalies.PEER_GROUP), out.stream().map(Signal::code).toList());
        assertTrue(out.stream().allMatch(x -> x.keys().equals(List.of("clerk-a", "verifications"))));
        // own history: median 40, MAD 1 -> 0.6745 * 120
        assertEquals(0.6745 * 120, out.get(0).value(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> StoreAnomalies.detect(s, Double.NaN));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new StoreAnomalies.Series("x", "g", "night share", new double[] {0.1, Double.NaN}, 0.2));
        assertEquals("history[1] of night share must be finite: NaN", nan.getMessage());
    }

    /**
     * A series took any entity, peer group and metric: a blank entity became a signal's key, and
     * since groups were keyed by peer group and metric joined with a NUL, the series of peer group
     * "g\0m" and metric "n" was compared with the peers of group "g" and metric "m\0n", another
     * metric, and flagged. They are now identifiers as {@code Ids.requireId} says (no blank, no
     * control character).
     */
    @Test
    void aSeriesNamesAreCheckedSoThatGroupsCannotMix() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> new StoreAnomalies.Series(" ", "g", "m", new double[0], 1));
        assertEquals("entity must not be blank", blank.getMessage());
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                () -> new StoreAnomalies.Series("d", "g\u0000m", "n", new double[0], 1000));
        assertEquals("peerGroup must not contain control characters (U+0000 at index 1): '****' (3 chars)",
                nul.getMessage());
        IllegalArgumentException metric = assertThrows(IllegalArgumentException.class,
                () -> new StoreAnomalies.Series("a", "g", "m\u0000n", new double[0], 10));
        assertEquals("metric must not contain control characters (U+0000 at index 1): '****' (3 chars)",
                metric.getMessage());
    }

    @Test
    void aSeriesHistoryCannotBeChangedAfterItWasChecked() {
        double[] given = {40, 42, 38};
        StoreAnomalies.Series s = new StoreAnomalies.Series("clerk-a", "city-1", "verifications", given, 41);
        given[0] = Double.NaN;
        // once: the accessor handed out the checked array itself, so a NaN could be put in after the check
        s.history()[1] = Double.NaN;
        assertArrayEquals(new double[] {40, 42, 38}, s.history());
    }

    @Test
    void figuresNearTheLargestDoubleStillScore() {
        double max = Double.MAX_VALUE;
        // once NaN: the median of max and max overflowed to infinity
        assertEquals(Double.NEGATIVE_INFINITY, StoreAnomalies.robustZ(0, new double[] {max, max, max, max}));
        List<Signal> flagged = StoreAnomalies.detect(List.of(
                new StoreAnomalies.Series("store-0001", "city-1", "discounts", new double[] {max, max, max, max}, 0)), 3.5);
        assertEquals(List.of(StoreAnomalies.OWN_HISTORY), flagged.stream().map(Signal::code).toList());
        // once 0: the deviations' sum overflowed to infinity, and so did the scale every z-score was divided by
        assertEquals(5 / (2 * 1.2533), StoreAnomalies.robustZ(max, new double[] {0, 0, 0, max, max}), 1e-12);
        // once NaN: x - median and the deviations' sum both overflowed
        assertEquals(-5 / 1.2533, StoreAnomalies.robustZ(-max, new double[] {0, 0, max, max, max}), 1e-12);
    }

    @Test
    void robustZRefusesAValueThatIsNotFinite() {
        // once: NaN in, NaN out, and no signal
        assertEquals("x must be finite: NaN", assertThrows(IllegalArgumentException.class,
                () -> StoreAnomalies.robustZ(Double.NaN, new double[] {1, 2, 3})).getMessage());
        assertEquals("sample[1] must be finite: NaN", assertThrows(IllegalArgumentException.class,
                () -> StoreAnomalies.robustZ(1, new double[] {1, Double.NaN, 3})).getMessage());
        assertEquals("sample[0] must be finite: -Infinity", assertThrows(IllegalArgumentException.class,
                () -> StoreAnomalies.robustZ(1, new double[] {Double.NEGATIVE_INFINITY, 2})).getMessage());
        assertEquals("sample", assertThrows(NullPointerException.class,
                () -> StoreAnomalies.robustZ(1, null)).getMessage());
    }

    @Test
    void anEntityTwiceInOnePeerGroupAndMetricIsRefusedByName() {
        double[] h = {40, 42, 38};
        List<StoreAnomalies.Series> twice = List.of(
                new StoreAnomalies.Series("clerk-0001", "city-1", "verifications", h, 160),
                new StoreAnomalies.Series("clerk-0002", "city-1", "verifications", h, 40),
                new StoreAnomalies.Series("clerk-0003", "city-1", "verifications", h, 41),
                new StoreAnomalies.Series("clerk-0001", "city-1", "verifications", h, 160));
        // once: clerk-0001 counted among its own peers, pulling the peers' median towards itself
        assertEquals("entity 'cl****01' (10 chars) is given twice for verifications in peer group city-1",
                assertThrows(IllegalArgumentException.class, () -> StoreAnomalies.detect(twice, 3.5)).getMessage());
        // one entity in two groups, or with two metrics, is two series
        assertEquals(List.of(), StoreAnomalies.detect(List.of(
                new StoreAnomalies.Series("clerk-0001", "city-1", "verifications", h, 40),
                new StoreAnomalies.Series("clerk-0001", "format-a", "verifications", h, 40),
                new StoreAnomalies.Series("clerk-0001", "city-1", "night share", new double[] {0.1, 0.1, 0.2}, 0.1)), 3.5));
    }
}
