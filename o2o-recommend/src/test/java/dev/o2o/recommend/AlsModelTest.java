package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlsModelTest {

    @Test
    void choleskySolvesASmallSystem() {
        // A = [[4,2,0],[2,3,1],[0,1,2]], x = (1,-1,2) -> b = (2,1,3)
        double[] x = AlsModel.Cholesky.solve(new double[] {4, 2, 0, 2, 3, 1, 0, 1, 2}, new double[] {2, 1, 3}, 3);
        assertArrayEquals(new double[] {1, -1, 2}, x, 1e-12);
    }

    @Test
    void seededFitsAreReproducibleAndSeedsMatter() {
        Interactions x = ModelsTest.small();
        Model a = Recommender.als(4, 10, 0.1, 10, 3L).fit(x);
        Model b = Recommender.als(4, 10, 0.1, 10, 3L).fit(x);
        Model c = Recommender.als(4, 10, 0.1, 10, 4L).fit(x);
        List<String> items = List.of("a", "b", "c", "d", "e");
        assertArrayEquals(a.scores("u6", items), b.scores("u6", items));
        assertTrue(!java.util.Arrays.equals(a.scores("u6", items), c.scores("u6", items)));
    }

    @Test
    void learnsTheCoPurchasePairs() {
        // λ = 0.5: at λ = 0.05, 15 sweeps from the small seeded start have not yet separated the pairs
        // (exact per-row solves score u5·d 0.2700 against u6·d 0.2703), so the outcome hung on how
        // the 3 CG steps happened to round; at λ = 0.5 they score 0.418 against 0.225
        Model m = Recommender.als(4, 20, 0.5, 15, 1L).fit(ModelsTest.small());
        // u6 bought a only: its partner b must rank first; u5 bought c only: d means more to u5 than to u6
        assertEquals("b", m.recommend("u6", Query.top(1)).get(0).item());
        assertTrue(m.scores("u5", List.of("d"))[0] > m.scores("u6", List.of("d"))[0]);
        assertTrue(m.scores("u6", List.of("b"))[0] > m.scores("u5", List.of("b"))[0]);
        // fold-in of a new customer with a's history agrees
        assertEquals("b", m.recommendFor(Map.of("a", 1.0), Query.top(1)).get(0).item());
        double[] folded = {m.recommendFor(Map.of("c", 1.0), Query.top(5)).stream()
                .filter(r -> r.item().equals("d")).findFirst().orElseThrow().score(),
                m.recommendFor(Map.of("a", 1.0), Query.top(5)).stream()
                .filter(r -> r.item().equals("d")).findFirst().orElseThrow().score()};
        assertTrue(folded[0] > folded[1], java.util.Arrays.toString(folded));
    }

    @Test
    void badParameters() {
        assertThrows(IllegalArgumentException.class, () -> Recommender.als(0, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Recommender.als(4, -1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Recommender.als(4, 1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Recommender.als(4, 1, 1, 0, 1));
    }

    @Test
    void aFactorCountWhoseGramMatrixCannotBeAnArrayIsRefused() {
        // f × f doubles (the Gram matrix YᵀY + λI) must fit in one Java array
        assertEquals("factors must be at most 46340 (f × f must fit in a Java array): 46341",
                assertThrows(IllegalArgumentException.class, () -> Recommender.als(46_341, 1, 1, 1, 1)).getMessage());
    }

    @Test
    void customersTimesFactorsBeyondTheLargestArrayAreRefusedBeforeAllocating() {
        // 46,400 customers × 46,340 factors = 2,150,176,000 floats: the int product wrapped to a
        // negative array size (NegativeArraySizeException: -2144791296)
        Interactions.Builder b = Interactions.builder();
        for (int c = 0; c < 46_400; c++) {
            b.add("c" + c, "i" + (c % 2), 1);
        }
        Interactions data = b.build();
        assertEquals("iALS: 46400 customers × 46340 factors = 2150176000 floats exceed the largest Java array;"
                        + " use fewer factors",
                assertThrows(IllegalArgumentException.class, () -> Recommender.als(46_340, 1, 1, 1, 1).fit(data))
                        .getMessage());
    }

    /** 200 customers × 60 items, weights 1 to 3, and customer c7's first ten items at {@code big}. */
    static Interactions withBigWeights(double big) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        Interactions.Builder b = Interactions.builder();
        for (int c = 0; c < 200; c++) {
            b.add("c" + c, "i" + r.nextInt(60), 1);
            for (int i = 0; i < 60; i++) {
                if (r.nextDouble() < 0.1) {
                    b.add("c" + c, "i" + i, c == 7 && i < 10 ? big : 1 + r.nextInt(3));
                }
            }
        }
        return b.build();
    }

    /**
     * A confidence α·w around 1e19 or more overflowed the float products of the conjugate-gradient
     * steps (c·(ỹ·p) with p itself of order c) and the fit failed with "YᵀY + λI (λ = 0.1) is not
     * positive definite (pivot 0 is NaN)", which blames λ. It is refused up front naming the
     * weight, its pair and the limit; at the limit the fit runs and scores are finite.
     */
    @Test
    void aConfidenceBeyondTheLimitIsRefusedNamingTheWeight() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Recommender.als(4, 1, 0.1, 5, 1).fit(withBigWeights(1e20)));
        assertEquals("iALS: the weight 1.0E20 of customer 'c7' and item 'i2' is above 1.0E12 (the confidence"
                + " alpha·weight must be at most 1e12, alpha is 1.0: beyond it the solver's float products overflow)",
                e.getMessage());
        IllegalArgumentException alpha = assertThrows(IllegalArgumentException.class,
                () -> Recommender.als(4, 40, 0.1, 5, 1).fit(withBigWeights(1e11)));
        assertTrue(alpha.getMessage().startsWith("iALS: the weight 1.0E11 of customer 'c7' and item 'i2' is above"
                + " 2.5E10 (the confidence"), alpha.getMessage());
        Model m = Recommender.als(4, 1, 0.1, 5, 1).fit(withBigWeights(1e12));
        assertTrue(Double.isFinite(m.recommend("c7", Query.top(1)).get(0).score()));
        Model none = Recommender.als(4, 0, 0.1, 5, 1).fit(withBigWeights(Double.MAX_VALUE)); // alpha 0: no confidence
        assertTrue(Double.isFinite(none.recommend("c7", Query.top(1)).get(0).score()));
    }
}
