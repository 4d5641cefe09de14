package dev.o2o.risk.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.risk.CustomerResolver;
import dev.o2o.risk.EventType;
import dev.o2o.risk.forest.ForestConfig;
import dev.o2o.risk.velocity.VelocityConfig;
import dev.o2o.risk.velocity.VelocityEngine;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    @Test
    void theSimulationIsSeededAndLabelled() {
        List<LabelledEvent> a = AbuseSimulation.generate(1000, 5);
        assertEquals(a, AbuseSimulation.generate(1000, 5));
        assertTrue(!a.equals(AbuseSimulation.generate(1000, 6)));
        // per 1000 customers: 2 farms x 24, 2 bursts x 30, 2 churners x 20, 1 clerk x 50, 1 ring x 16
        assertEquals(2 * 24 + 2 * 30 + 2 * 20 + 50 + 16, a.stream().filter(e -> e.pattern().isPresent()).count());
        for (int i = 1; i < a.size(); i++) {
            assertTrue(!a.get(i).event().at().isBefore(a.get(i - 1).event().at()));
        }
        assertThrows(IllegalArgumentException.class, () -> AbuseSimulation.generate(99, 1));
    }

    @Test
    void rulesAndForestCatchEveryPatternOnTheSeededWeek() {
        Evaluation.Report r = Evaluation.run(AbuseSimulation.generate(2000, 42), 0);
        assertEquals(5, r.rules().size());
        assertEquals(5, r.forest().size());
        for (Evaluation.Score s : r.rules()) {
            // the first few events of a pattern build up the figures; most of the rest are caught
            assertTrue(s.recall() >= 0.5, s.toString());
            assertTrue(s.precision() >= 0.5, s.toString());
        }
        for (Evaluation.Score s : r.forest()) {
            assertTrue(s.recall() >= 0.5, s.toString());
        }
    }

    private static VelocityEngine rules() {
        return VelocityEngine.parse(Evaluation.DEFAULT_RULES, CustomerResolver.none(), VelocityConfig.defaults());
    }

    /**
     * A report took any counts: new Report(3, 4, ...) held more abusive events than events and
     * new Report(-1, 0, ...) a negative count; a null list failed in List.copyOf naming nothing.
     */
    @Test
    void aReportWithImpossibleCountsIsRefusedNamingThem() {
        IllegalArgumentException more = assertThrows(IllegalArgumentException.class,
                () -> new Evaluation.Report(3, 4, List.of(), List.of()));
        assertEquals("abusive must be between 0 and events (3): 4", more.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new Evaluation.Report(-1, 0, List.of(), List.of()));
        assertEquals("events must not be negative: -1", negative.getMessage());
        NullPointerException rules = assertThrows(NullPointerException.class,
                () -> new Evaluation.Report(1, 0, null, List.of()));
        assertEquals("rules", rules.getMessage());
    }

    @Test
    void aThresholdNoForestScoreCanMeetIsRefusedByName() {
        List<LabelledEvent> events = AbuseSimulation.generate(100, 1);
        // once: NaN or 1.5 caught nothing and 0 caught everything, and the report said so as if it were a finding
        for (double t : new double[] {Double.NaN, 1.5, 0, -0.5, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Evaluation.run(events, rules(), ForestConfig.defaults(), t));
            assertEquals("threshold must be a forest score, more than 0 and at most 1: " + t, e.getMessage());
        }
        assertEquals(5, Evaluation.run(events, rules(), ForestConfig.defaults(), 1).forest().size());
    }

    @Test
    void trafficWithoutStoreVerificationsIsReportedWithNoClerksToScore() {
        List<LabelledEvent> events = AbuseSimulation.generate(1000, 5).stream()
                .filter(e -> e.event().type() != EventType.STORE_VERIFICATION).toList();
        // once: 'an isolation forest needs at least two rows: 0', from the forest of clerks
        Evaluation.Report r = Evaluation.run(events, rules(), ForestConfig.defaults(), Evaluation.DEFAULT_FOREST_THRESHOLD);
        Evaluation.Score clerks = r.forest().stream().filter(s -> s.pattern() == Pattern.CLERK_FRAUD).findFirst().orElseThrow();
        assertEquals(new Evaluation.Score(Pattern.CLERK_FRAUD, "forest", "entity", 0, 0, 0), clerks);
        assertTrue(Double.isNaN(clerks.recall()));
        assertEquals(4, r.rules().size());
    }

    @Test
    void oneClerkAloneIsRefusedSayingTheForestComparesClerks() {
        List<LabelledEvent> all = AbuseSimulation.generate(1000, 5);
        Optional<String> one = all.stream().filter(e -> e.event().type() == EventType.STORE_VERIFICATION)
                .findFirst().orElseThrow().event().clerk();
        List<LabelledEvent> events = all.stream().filter(e -> e.event().type() != EventType.STORE_VERIFICATION
                || e.event().clerk().equals(one)).toList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.run(events, rules(), ForestConfig.defaults(), Evaluation.DEFAULT_FOREST_THRESHOLD));
        assertEquals("the forest scores clerks (of store verifications) against each other and needs two or more: 1",
                e.getMessage());
    }
}
