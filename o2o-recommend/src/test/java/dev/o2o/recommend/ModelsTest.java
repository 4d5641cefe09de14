package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelsTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    /** Customers buying items: a small catalogue with two clear co-purchase pairs (a,b) and (c,d). */
    static Interactions small() {
        List<Interaction> ev = new ArrayList<>();
        String[][] baskets = {{"a", "b"}, {"a", "b"}, {"a", "b", "e"}, {"c", "d"}, {"c", "d"}, {"c"}, {"a"}, {"e"}};
        for (int u = 0; u < baskets.length; u++) {
            for (String i : baskets[u]) {
                ev.add(Interaction.of("u" + u, i, T));
            }
        }
        return Interactions.of(ev);
    }

    static List<String> items(List<Recommendation> recs) {
        return recs.stream().map(Recommendation::item).toList();
    }

    @Test
    void easeOnTwoItemsMatchesTheClosedForm() {
        // G = [[3,2],[2,2]] for items (x,y); with λ: B_xy = G_xy / (G_xx + λ) (2×2 inverse)
        List<Interaction> ev = List.of(Interaction.of("u1", "x", T), Interaction.of("u1", "y", T),
                Interaction.of("u2", "x", T), Interaction.of("u2", "y", T), Interaction.of("u3", "x", T));
        Model m = Recommender.ease(1.0).fit(Interactions.of(ev));
        double[] s = m.scores("u3", List.of("x", "y"));
        assertEquals(0.0, s[0], 1e-15);
        assertEquals(2.0 / (3.0 + 1.0), s[1], 1e-12);
        Model fold = m;
        assertEquals(s[1], fold.recommendFor(Map.of("x", 1.0), Query.top(1)).get(0).modelScore(), 1e-15);
    }

    @Test
    void itemKnnScoresAreShrunkCosines() {
        Interactions x = small();
        Model m = Recommender.itemKnn(10, 1.0).fit(x);
        // a: u0,u1,u2,u6 (|a| = 2); b: u0,u1,u2 (|b| = √3); a·b = 3
        double expected = 3.0 / (2.0 * Math.sqrt(3.0) + 1.0);
        assertEquals(expected, m.scores("u6", List.of("b"))[0], 1e-15);
        assertEquals(List.of("b"), items(m.recommend("u6", Query.top(1))));
        List<Contribution> why = m.explain("u2", "e", 5);
        // e: u2,u7; a·e = 1 (u2), b·e = 1 (u2)
        assertEquals("b", why.get(0).historyItem());
        assertEquals(1.0 / (Math.sqrt(3) * Math.sqrt(2) + 1.0), why.get(0).contribution(), 1e-15);
        assertEquals(1.0 / (2.0 * Math.sqrt(2) + 1.0), why.get(1).contribution(), 1e-15);
    }

    @Test
    void neighbourhoodSizeLimitsTheVotes() {
        Model m = Recommender.itemKnn(1, 0.0).fit(small());
        // e's single nearest neighbour is b (1/√6 > a's 1/(2√2)), so a customer with only e scores a at 0
        double[] s = m.scores("u7", List.of("a", "b"));
        assertEquals(0.0, s[0]);
        assertEquals(1.0 / Math.sqrt(6.0), s[1], 1e-15);
    }

    @Test
    void easeExplanationsSumToTheScore() {
        Model m = Recommender.ease(2.0).fit(small());
        double score = m.scores("u2", List.of("c"))[0];
        double sum = m.explain("u2", "c", 10).stream().mapToDouble(Contribution::contribution).sum();
        assertEquals(score, sum, 1e-12);
    }

    @Test
    void popularityRanksByTotalWeightTiesToFirstSeen() {
        Model m = Recommender.popularity().fit(small());
        // a:4, b:3, c:3, e:2, d:2 -> for u7 (has e): a, b, c, d
        assertEquals(List.of("a", "b", "c", "d"), items(m.recommend("u7", Query.top(4))));
    }

    @Test
    void popularityByGroupPrefersTheGroupsItems() {
        Model m = Recommender.popularityBy(c -> java.util.Optional.of(Integer.parseInt(c.substring(1)) >= 3 ? "south" : "north"))
                .fit(small());
        // the south group (u3..u7) bought c twice... u6 (has a) gets c first, then d
        assertEquals(List.of("c", "d"), items(m.recommend("u6", Query.top(2))));
    }

    @Test
    void popularityByGroupKeepsTheGroupsOrderWithFractionalWeights() {
        // group g1 (u1): a 0.25, c 0.2; group g2: c 5, b 9; global a 0.25, c 5.2, b 9. The global
        // fraction only breaks g1's ties: a, then c, then b (which g1 never touched). Scaled to half
        // a unit of weight, it outweighed g1's own totals and listed b, c, a.
        Interactions data = Interactions.of(List.of(new Interaction("u1", "a", T, 0.25),
                new Interaction("u1", "c", T, 0.2), new Interaction("u2", "c", T, 5), new Interaction("u3", "b", T, 9)));
        Model m = Recommender.popularityBy(c -> java.util.Optional.of(c.equals("u1") ? "g1" : "g2")).fit(data);
        assertEquals(List.of("a", "c", "b"), items(m.recommend("u1", Query.top(3).includingConsumed())));
        assertEquals(List.of("b", "c", "a"), items(m.recommend("u2", Query.top(3).includingConsumed())));
    }

    @Test
    void explainRefusesAnUnknownCustomerOrItemAndABadLimitForEveryModel() {
        // EASE, item-kNN and content refused them; popularity, iALS and blends answered an empty list
        for (Model m : List.of(Recommender.ease(1).fit(small()), Recommender.popularity().fit(small()),
                Recommender.als(2, 1, 1, 1, 1L).fit(small()))) {
            assertEquals("customer 'nobody' has no interaction in the training data: fold them in with"
                    + " recommendFor(history, query)", assertThrows(IllegalArgumentException.class,
                    () -> m.explain("nobody", "a", 3)).getMessage(), m.name());
            assertEquals("item 'zz' has no interaction in the training data", assertThrows(
                    IllegalArgumentException.class, () -> m.explain("u1", "zz", 3)).getMessage(), m.name());
            assertEquals("limit must be at least 1: 0", assertThrows(IllegalArgumentException.class,
                    () -> m.explain("u1", "a", 0)).getMessage(), m.name());
        }
    }

    @Test
    void badParametersAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Recommender.ease(-1)).getMessage()
                .contains("lambda"));
        assertThrows(IllegalArgumentException.class, () -> Recommender.itemKnn(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Recommender.itemKnn(5, -1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Query.top(0)).getMessage().contains("k"));
        Model m = Recommender.popularity().fit(small());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.recommend("stranger", Query.top(3)))
                .getMessage().contains("stranger"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.scores("u0", List.of("zzz")))
                .getMessage().contains("zzz"));
    }

    @Test
    void foldInEqualsTheFittedCustomersListForHistoryModels() {
        Interactions x = small();
        for (Model m : List.of(Recommender.ease(1.0).fit(x), Recommender.itemKnn(3, 0.5).fit(x))) {
            List<Recommendation> seen = m.recommend("u2", Query.top(3));
            List<Recommendation> folded = m.recommendFor(Map.of("a", 1.0, "b", 1.0, "e", 1.0, "unknown", 5.0),
                    Query.top(3));
            assertEquals(seen, folded, m.name());
        }
    }

    @Test
    void aNewCustomerWithNoKnownHistoryGetsScoresOfZero() {
        Model m = Recommender.ease(1.0).fit(small());
        List<Recommendation> r = m.recommendFor(Map.of(), Query.top(2));
        // all scores 0: ties go to the first items seen
        assertEquals(List.of("a", "b"), items(r));
        assertArrayEquals(new double[] {0, 0}, r.stream().mapToDouble(Recommendation::score).toArray());
    }
}
