package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentAndBlendTest {

    static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "a", Set.of("category:coffee", "merchant:m1"),
            "b", Set.of("category:coffee", "merchant:m2"),
            "c", Set.of("category:tea"),
            "d", Set.of("category:tea", "merchant:m1", "price:low"));

    @Test
    void contentScoresAreDotProductsOfUnitAttributeVectors() {
        Model m = Recommender.content(ATTRIBUTES, c -> c.equals("u5") ? Set.of("price:low") : Set.of(), 2.0)
                .fit(ModelsTest.small());
        // u6 has a: profile coffee 1/√2, m1 1/√2; b shares coffee: (1/√2)(1/√2) = 0.5;
        // d shares m1: (1/√2)(1/√3); c nothing; e has no attributes
        double[] s = m.scores("u6", List.of("b", "c", "d", "e"));
        assertEquals(0.5, s[0], 1e-15);
        assertEquals(0.0, s[1]);
        assertEquals(1 / Math.sqrt(2) / Math.sqrt(3), s[2], 1e-15);
        assertEquals(0.0, s[3]);
        // u5 has c (tea, 1) and the profile tag price:low (2): d = (1 + 2)/√3
        assertEquals(3 / Math.sqrt(3), m.scores("u5", List.of("d"))[0], 1e-15);
        // u2 has a, b, e; for item b: b itself shares coffee and m2 (1.0), a shares coffee (0.5), e nothing
        List<Contribution> why = m.explain("u2", "b", 3);
        assertEquals(List.of("b", "a", "e"), why.stream().map(Contribution::historyItem).toList());
        assertEquals(1.0, why.get(0).contribution(), 1e-15);
        assertEquals(0.5, why.get(1).contribution(), 1e-15);
        assertEquals(0.0, why.get(2).contribution());
        assertThrows(IllegalArgumentException.class, () -> Recommender.content(ATTRIBUTES, c -> Set.of(), -1));
    }

    @Test
    void blendIsTheWeightedSumOfItsMembers() {
        Interactions x = ModelsTest.small();
        Map<Recommender, Double> members = new LinkedHashMap<>();
        members.put(Recommender.itemKnn(10, 1.0), 2.0);
        members.put(Recommender.popularity(), 0.25);
        Model blend = Recommender.blend(members).fit(x);
        List<String> items = List.of("a", "b", "c", "d", "e");
        double[] knn = Recommender.itemKnn(10, 1.0).fit(x).scores("u6", items);
        double[] pop = Recommender.popularity().fit(x).scores("u6", items);
        double[] b = blend.scores("u6", items);
        for (int i = 0; i < items.size(); i++) {
            assertEquals(2.0 * knn[i] + 0.25 * pop[i], b[i], 1e-15, items.get(i));
        }
        assertEquals(blend.recommend("u6", Query.top(3)), blend.recommendFor(Map.of("a", 1.0), Query.top(3)));
        assertThrows(IllegalArgumentException.class, () -> Recommender.blend(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Recommender.blend(Map.of(Recommender.popularity(),
                Double.NaN)));
    }
}
