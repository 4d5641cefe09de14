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

    /**
     * A list longer than the catalogue is the whole catalogue, and the metrics are those of K = the
     * number of items; but the ideal DCG table was sized K + 1: K = Integer.MAX_VALUE failed with a
     * NegativeArraySizeException, and a K near 10^9 allocated gigabytes.
     */
    @Test
    void aListLongerThanTheCatalogueScoresAsTheWholeCatalogue() {
        Model pop = Recommender.popularity().fit(Interactions.of(filler()));
        Map<String, List<String>> test = new LinkedHashMap<>();
        test.put("p4", List.of("c", "f", "z"));
        test.put("p3", List.of("d"));
        Metrics five = Evaluation.evaluate(pop, test, 5);
        assertEquals(five, Evaluation.evaluate(pop, test, 6));
        assertEquals(five, Evaluation.evaluate(pop, test, Integer.MAX_VALUE));
    }

    @Test
    void metricsByHand() {
        Model pop = Recommender.popularity().fit(Interactions.of(filler()));
        Map<String, List<String>> test = new LinkedHashMap<>();
        // p4 has only a: list (k=3) b, c, d. Test {c, f, z}: z unseen in training is removed -> T = {c, f}
        test.put("p4", List.of("c", "f", "z"));
        // p0 has every item: its list is empty; test {a} is its own training item (a repeat) -> stays, never hit
        test.put("p0", List.of("a"));
        // p3 has a, b: list c, d, f; test {d}
        test.put("p3", List.of("d"));
        Metrics m = Evaluation.evaluate(pop, test, 3);
        assertEquals(3, m.evaluatedCustomers());
        // p4: hit at rank 2 (c); recall 1/min(3,2) = 0.5; ndcg (1/log2 3)/(1 + 1/log2 3); AP (1/2)/2
        // p3: hit at rank 2 (d); recall 1/1; ndcg (1/log2 3)/1; AP (1/2)/1
        // p0: no hit; 0 for every metric
        double l3 = 1 / (Math.log(3) / Math.log(2));
        assertEquals((0.5 + 1.0 + 0) / 3, m.recall(), 1e-15);
        assertEquals((l3 / (1 + l3) + l3 + 0) / 3, m.ndcg(), 1e-15);
        assertEquals((0.25 + 0.5 + 0) / 3, m.map(), 1e-15);
        assertEquals(2.0 / 3, m.hitRate(), 1e-15);
        // recommended: b, c, d (p4) and c, d, f (p3), nothing for p0 -> 4 of 5 items
        assertEquals(4.0 / 5.0, m.coverage(), 1e-15);
    }

    @Test
    void repeatPurchaseStaysInTheTestSetAndCannotBeHit() {
        Model pop = Recommender.popularity().fit(Interactions.of(filler()));
        // p3 bought a and b in training and buys b again (a repeat) and d in the test period.
        // Literal protocol: T = {b, d}, |T| = 2; the list (k = 3) is c, d, f (own items a, b excluded).
        // The old rule dropped b (T = {d}) and gave recall 1, NDCG 1/log2(3), AP 1/2.
        Metrics m = Evaluation.evaluate(pop, Map.of("p3", List.of("b", "d")), 3);
        assertEquals(1, m.evaluatedCustomers());
        double l3 = 1 / (Math.log(3) / Math.log(2));
        // d hit at rank 2: recall 1 / min(3, 2); NDCG (1/log2 3) / (1 + 1/log2 3); AP (1/2) / 2
        assertEquals(0.5, m.recall(), 1e-15);
        assertEquals(l3 / (1 + l3), m.ndcg(), 1e-15);
        assertEquals(0.25, m.map(), 1e-15);
        assertEquals(1.0, m.hitRate());
        assertEquals(3.0 / 5.0, m.coverage(), 1e-15);
        // A customer whose only test item is a repeat is evaluated with zeros.
        Metrics only = Evaluation.evaluate(pop, Map.of("p3", List.of("a")), 3);
        assertEquals(1, only.evaluatedCustomers());
        assertEquals(0.0, only.recall());
        assertEquals(0.0, only.ndcg());
        assertEquals(0.0, only.hitRate());
    }

    @Test
    void nobodyEvaluableIsAClearError() {
        Model pop = Recommender.popularity().fit(Interactions.of(filler()));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.evaluate(pop, Map.of("p0", List.of("z"), "nobody", List.of("a")), 3));
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

    @Test
    void metricsOutsideZeroToOneAreRefused() {
        // every metric is a mean of values in [0, 1]; a NaN or 1.5 was accepted as a Metrics value
        assertEquals("recall must be within 0..1: 1.5", assertThrows(IllegalArgumentException.class,
                () -> new Metrics(3, 1.5, 0.5, 0.5, 0.5, 0.5)).getMessage());
        assertEquals("ndcg must be within 0..1: NaN", assertThrows(IllegalArgumentException.class,
                () -> new Metrics(3, 0.5, Double.NaN, 0.5, 0.5, 0.5)).getMessage());
        assertEquals("coverage must be within 0..1: -0.1", assertThrows(IllegalArgumentException.class,
                () -> new Metrics(3, 0.5, 0.5, 0.5, 0.5, -0.1)).getMessage());
    }

    @Test
    void anEvaluationWithoutAListLengthIsRefused() {
        Metrics m = new Metrics(3, 0.5, 0.5, 0.5, 0.5, 0.5);
        assertEquals("k must be at least 1: 0", assertThrows(IllegalArgumentException.class,
                () -> new Evaluation("ease", Map.of(), 10, 20, 0, m, m, 0.1)).getMessage());
        assertEquals("fitSeconds must be finite and not negative: NaN", assertThrows(IllegalArgumentException.class,
                () -> new Evaluation("ease", Map.of(), 10, 20, 10, m, m, Double.NaN)).getMessage());
    }
}
