package dev.o2o.predict.uplift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.o2o.predict.Hillstrom;
import dev.o2o.predict.TestData;
import dev.o2o.predict.data.Frame;
import org.junit.jupiter.api.Test;

class ArmStatisticsTest {

    @Test
    void hillstromArmSizesAndRatesExactly() {
        Frame f = Hillstrom.frame();
        assertEquals(64000, f.rows());
        JsonNode ref = TestData.reference("hillstrom_reference.json").get("arms");
        for (String outcome : new String[] {"visit", "conversion"}) {
            ArmStatistics s = ArmStatistics.of(f.categorical("segment"), "No E-Mail", f.numeric(outcome));
            JsonNode c = ref.get("No E-Mail");
            assertEquals(21306, s.control().n());
            assertEquals(c.get(outcome).asInt() / 21306.0, s.control().outcomeRate(), 1e-15);
            assertEquals(2, s.treatments().size());
            assertEquals("Mens E-Mail", s.treatments().get(0).arm().value());
            assertEquals(21307, s.treatments().get(0).arm().n());
            assertEquals(21387, s.treatments().get(1).arm().n());
            for (ArmStatistics.Treated t : s.treatments()) {
                JsonNode r = ref.get(t.arm().value());
                assertEquals(r.get("n").asInt(), t.arm().n());
                assertEquals(r.get(outcome + "Rate").asDouble(), t.arm().outcomeRate(), 1e-15);
                assertEquals(r.get(outcome + "Rate").asDouble() - c.get(outcome + "Rate").asDouble(), t.ate(), 1e-15);
            }
        }
        // visit counts: 3,894 (men's e-mail), 3,238 (women's), 2,262 (none)
        ArmStatistics v = ArmStatistics.of(f.categorical("segment"), "No E-Mail", f.numeric("visit"));
        assertEquals(3894.0 / 21307, v.treatments().get(0).arm().outcomeRate(), 1e-15);
        assertEquals(2262.0 / 21306, v.control().outcomeRate(), 1e-15);
    }

    @Test
    void intervalByHandAndAbsentControl() {
        String[] arm = {"c", "c", "c", "c", "t", "t", "t", "t"};
        double[] y = {0, 0, 1, 1, 1, 1, 1, 0};
        ArmStatistics s = ArmStatistics.of(arm, "c", y);
        double vt = (3 * 0.0625 + 0.5625) / 3; // sample variance of 1,1,1,0
        double vc = 4 * 0.25 / 3;
        double se = Math.sqrt(vt / 4 + vc / 4);
        assertEquals(0.25, s.treatments().get(0).ate(), 1e-15);
        assertEquals(0.25 - ArmStatistics.Z_975 * se, s.treatments().get(0).ciLow(), 1e-15);
        assertEquals(0.25 + ArmStatistics.Z_975 * se, s.treatments().get(0).ciHigh(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArmStatistics.of(arm, "x", y));
        assertTrue(e.getMessage().contains("'x' is not in the data; values are [c, t]"), e.getMessage());
    }
    /**
     * A missing (NaN) outcome, e.g. an empty CSV cell read into a frame, surfaced as "interval
     * [NaN, NaN] must hold ate NaN", naming neither the row nor the column; now refused by row.
     */
    @Test
    void aNonFiniteOutcomeIsRefusedByRow() {
        String[] arm = {"c", "c", "c", "c", "t", "t", "t", "t"};
        double[] y = {0, 0, 1, 1, 1, Double.NaN, 1, 0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArmStatistics.of(arm, "c", y));
        assertEquals("outcome of row 5 is not finite: NaN", e.getMessage());
        y[5] = 1;
        y[1] = Double.POSITIVE_INFINITY;
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class, () -> ArmStatistics.of(arm, "c", y));
        assertEquals("outcome of row 1 is not finite: Infinity", inf.getMessage());
    }

    /**
     * Outcomes beyond about 1e154 overflowed the sum of squared deviations: the interval came out
     * as [-Infinity, Infinity] without a word (and near the double maximum the mean was NaN). The
     * moments are taken on outcomes scaled by a power of two, so the interval is finite; one that
     * truly exceeds the double range is refused.
     */
    @Test
    void hugeOutcomesGiveAFiniteInterval() {
        String[] arm = {"c", "c", "t", "t"};
        ArmStatistics s = ArmStatistics.of(arm, "c", new double[] {0, 2e200, 0, 4e200});
        ArmStatistics.Treated t = s.treatments().get(0);
        assertEquals(1e200, s.control().outcomeRate(), 1e186);
        assertEquals(1e200, t.ate(), 1e186);
        double expected = ArmStatistics.Z_975 * Math.sqrt(2.0 / 2 + 8.0 / 2) * 1e200; // variances 2e400 and 8e400
        assertEquals(1e200 - expected, t.ciLow(), 1e187);
        assertEquals(1e200 + expected, t.ciHigh(), 1e187);
        // an interval beyond the double range is refused rather than infinite
        IllegalArgumentException edge = assertThrows(IllegalArgumentException.class,
                () -> ArmStatistics.of(arm, "c", new double[] {-1.7e308, 1.7e308, 0, 0}));
        assertEquals("the interval of arm 't' overflows a double: outcomes up to 1.7E308 are too large",
                edge.getMessage());
    }
}
