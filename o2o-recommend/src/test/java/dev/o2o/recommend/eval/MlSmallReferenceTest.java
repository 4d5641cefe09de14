package dev.o2o.recommend.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.test.ReferenceData;
import dev.o2o.recommend.Interactions;
import dev.o2o.recommend.InteractionsCsv;
import dev.o2o.recommend.Model;
import dev.o2o.recommend.Recommender;
import dev.o2o.recommend.SharedData;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EASE, item-kNN and popularity on MovieLens latest-small against the independent numpy/scipy
 * reference (ml_small_reference.py and its output, committed beside this test): ratings ≥ 4,
 * temporal split with test fraction 0.2, customers with at least 5 kept rows, K = 10.
 */
class MlSmallReferenceTest {

    private static final double TOL = 1e-6;
    private static String reference;
    private static Split split;
    private static Interactions train;
    private static InteractionsCsv.Result read;

    @BeforeAll
    static void load() {
        Path file = ReferenceData.fileOrSkip("recommend/ml-latest-small-ratings.csv");
        reference = SharedData.resource("/dev/o2o/recommend/ml_small_reference.json");
        read = InteractionsCsv.read(file, OptionalDouble.of(4.0));
        split = Splitter.temporal(0.2).split(read.events(), 5);
        train = Interactions.of(split.train());
    }

    @Test
    void splitMatchesTheReference() {
        assertTrue(read.errors().isEmpty(), () -> read.errors().toString());
        assertEquals(SharedData.topLevel(reference, "keptRows"), read.events().size());
        assertEquals(SharedData.topLevel(reference, "trainRows"), split.train().size());
        assertEquals(SharedData.topLevel(reference, "customers"), train.customerCount());
        assertEquals(SharedData.topLevel(reference, "items"), train.itemCount());
    }

    private static void check(String section, Model model) {
        Metrics m = Evaluation.evaluate(model, split.test(), 10);
        assertEquals((int) SharedData.number(reference, section, "evaluatedCustomers"), m.evaluatedCustomers());
        assertEquals(SharedData.number(reference, section, "recall"), m.recall(), TOL, section + " recall");
        assertEquals(SharedData.number(reference, section, "ndcg"), m.ndcg(), TOL, section + " ndcg");
        assertEquals(SharedData.number(reference, section, "map"), m.map(), TOL, section + " map");
        assertEquals(SharedData.number(reference, section, "hitRate"), m.hitRate(), TOL, section + " hit rate");
        assertEquals(SharedData.number(reference, section, "coverage"), m.coverage(), TOL, section + " coverage");
    }

    @Test
    void popularity() {
        check("popularity", Recommender.popularity().fit(train));
    }

    @Test
    void itemKnn() {
        check("itemknn", Recommender.itemKnn(50, 10.0).fit(train));
    }

    @Test
    void ease() {
        check("ease", Recommender.ease(500.0).fit(train));
    }
}
