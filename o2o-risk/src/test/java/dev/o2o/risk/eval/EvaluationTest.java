package dev.o2o.risk.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
}
