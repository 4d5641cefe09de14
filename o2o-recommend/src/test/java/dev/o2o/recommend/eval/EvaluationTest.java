package dev.o2o.recommend.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.recommend.Interaction;
import dev.o2o.recommend.Interactions;
import dev.o2o.recommend.Model;
import dev.o2o.recommend.Recommender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static Interaction e(String c, String i, long seconds) {
        return Interaction.of(c, i, T.plusSeconds(seconds));
    }

    /** Popularity a(5) > b(4) > c(3) > d(2) > f(1) from filler customers p0..p4. */
    static List<Interaction> filler() {
        List<Interaction> ev = new ArrayList<>();
        String[] items = {"a", "b", "c", "d", "f"};
        for (int i = 0; i < items.length; i++) {
            for (int p = 0; p < items.length - i; p++) {
                ev.add(e("p" + p, items[i], 0));
            }
        }
        return ev;
    }

    @Test
    void metricsByHand() {
        Model pop = Recommender.popularity().fit(Interactions.of(filler()));
        Map<String, List<String>> test = new LinkedHashMap<>();
        // p4 has only a: list (k=3) b, c, d. Test {c, f, z}: z unseen in training is removed -> T = {c, f}
        test.put("p4", List.of("c", "f", "z"));
        // p0 has every item: nothing to recommend except nothing; test {a} is its own training item -> not evaluated
        test.put("p0", List.of("a"));
        // p3 has a, b: list c, d, f; test {d}
        test.put("p3", List.of("d"));
        Metrics m = Evaluation.evaluate(pop, test, 3);
        assertEquals(2, m.evaluatedCustomers());
        // p4: hit at rank 2 (c); recall 1/min(3,2) = 0.5; ndcg (1/log2 3)/(1 + 1/log2 3); AP (1/2)/2
        // p3: hit at rank 2 (d); recall 1/1; ndcg (1/log2 3)/1; AP (1/2)/1
        double l3 = 1 / (Math.log(3) / Math.log(2));
        assertEquals((0.5 + 1.0) / 2, m.recall(), 1e-15);
        assertEquals((l3 / (1 + l3) + l3) / 2, m.ndcg(), 1e-15);
        assertEquals((0.25 + 0.5) / 2, m.map(), 1e-15);
        assertEquals(1.0, m.hitRate());
        // recommended: b, c, d (p4) and c, d, f (p3) -> 4 of 5 items
        assertEquals(4.0 / 5.0, m.coverage(), 1e-15);
    }

    @Test
    void nobodyEvaluableIsAClearError() {
        Model pop = Recommender.popularity().fit(Interactions.of(filler()));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.evaluate(pop, Map.of("p0", List.of("a")), 3));
        assertTrue(ex.getMessage().contains("no customer can be evaluated"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Evaluation.evaluate(pop, Map.of(), 0));
    }

    @Test
    void runReportsTheBaselineBeside() {
        List<Interaction> ev = new ArrayList<>(filler());
        for (int c = 0; c < 6; c++) {
            ev.add(e("x" + c, "a", 1));
            ev.add(e("x" + c, "b", 2));
            ev.add(e("x" + c, "c", 3));
        }
        Evaluation r = Evaluation.run(Recommender.itemKnn(5, 0), ev, Splitter.leaveLastOut(), 3, 2);
        assertEquals("itemknn", r.model());
        assertEquals(5, r.params().get("neighbours"));
        // six x-customers, and p1 (held out d) and p2 (held out c); p0's held-out f occurs in no training row
        assertEquals(8, r.metrics().evaluatedCustomers());
        Split split = Splitter.leaveLastOut().split(ev, 3);
        Metrics baseline = Evaluation.evaluate(Recommender.popularity().fit(Interactions.of(split.train())),
                split.test(), 2);
        assertEquals(baseline, r.baseline());
        assertEquals(8, baseline.evaluatedCustomers());
        assertTrue(r.fitSeconds() >= 0);
    }
}
