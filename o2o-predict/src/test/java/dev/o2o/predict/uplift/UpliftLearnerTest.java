package dev.o2o.predict.uplift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.core.test.TestStatistics;
import dev.o2o.predict.data.Matrix;
import dev.o2o.predict.metrics.UpliftMetrics;
import dev.o2o.predict.model.GbmConfig;
import dev.o2o.predict.model.Learner;
import dev.o2o.testkit.predict.UpliftCampaign;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UpliftLearnerTest {

    static final List<String> NAMES = List.of("x0", "x1", "x2");

    @Test
    void everyLearnerRecoversTheKnownEffectOfTwoTreatments() {
        UpliftCampaign.Data train = UpliftCampaign.generate(60000, 2, 1);
        UpliftCampaign.Data test = UpliftCampaign.generate(20000, 2, 2);
        Matrix x = Matrix.ofRows(NAMES, train.x());
        Matrix tx = Matrix.ofRows(NAMES, test.x());
        Learner gbm = Learner.gbm(GbmConfig.builder().trees(60).maxDepth(3).learningRate(0.1).build());
        Learner gbmRegression = Learner.gbm(GbmConfig.builder().objective(GbmConfig.Objective.SQUARED_ERROR)
                .baseScore(0).trees(60).maxDepth(3).learningRate(0.1).build());
        List<UpliftLearner> learners = List.of(UpliftLearner.sLearner(Learner.logistic(1)),
                UpliftLearner.tLearner(Learner.logistic(1)), UpliftLearner.tLearner(gbm),
                UpliftLearner.xLearner(Learner.logistic(1), Learner.ridge(1)), UpliftLearner.xLearner(gbm, gbmRegression),
                UpliftLearner.classTransformation(gbm));
        for (UpliftLearner learner : learners) {
            UpliftModel m = learner.fit(x, train.outcome(), train.treatment());
            assertEquals(2, m.treatments());
            for (int k = 1; k <= 2; k++) {
                double[] est = m.effect(tx, k);
                double[] truth = test.trueEffect(k);
                double r = TestStatistics.pearson(est, truth);
                // the S-learner with a linear logit has the treatment term without interactions: it ranks by x0 only
                if (learners.indexOf(learner) != 0) {
                    assertTrue(r > 0.8, "learner " + learners.indexOf(learner) + " treatment " + k + ": correlation " + r);
                }
                // and the Qini of the estimates on the test rows of arm k and control beats a random ranking
                int kk = k;
                int[] rows = IntStream.range(0, test.x().length)
                        .filter(i -> test.treatment()[i] == 0 || test.treatment()[i] == kk).toArray();
                double[] y = IntStream.of(rows).mapToDouble(i -> test.outcome()[i]).toArray();
                double[] s = IntStream.of(rows).mapToDouble(i -> est[i]).toArray();
                int[] t = IntStream.of(rows).map(i -> test.treatment()[i] == kk ? 1 : 0).toArray();
                double q = UpliftMetrics.qiniAucScore(y, s, t);
                if (learners.indexOf(learner) != 0) {
                    assertTrue(q > 0.05, "learner " + learners.indexOf(learner) + " treatment " + k + ": qini " + q);
                }
            }
        }
    }

    @Test
    void badTreatmentCodes() {
        Matrix x = Matrix.ofRows(NAMES, new double[][] {{0, 0, 0}, {1, 1, 1}, {2, 2, 0}, {3, 1, 1}});
        double[] y = {0, 1, 0, 1};
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> UpliftLearner.tLearner(Learner.logistic(1)).fit(x, y, new int[] {0, 2, 0, 2}));
        assertTrue(gap.getMessage().contains("treatment 1 has no rows"), gap.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> UpliftLearner.tLearner(Learner.logistic(1)).fit(x, y, new int[] {0, 0, 0, 0}));
        assertTrue(none.getMessage().contains("no treated rows"), none.getMessage());
        IllegalArgumentException oneClass = assertThrows(IllegalArgumentException.class,
                () -> UpliftLearner.tLearner(Learner.logistic(1)).fit(x, new double[] {0, 1, 0, 0}, new int[] {0, 1, 0, 1}));
        assertTrue(oneClass.getMessage().startsWith("control arm:"), oneClass.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> UpliftLearner.classTransformation(Learner.logistic(1)).fit(x, new double[] {0, 2, 0, 1}, new int[] {0, 1, 0, 1}));
    }
    /**
     * A NaN outcome reached the arm's learner, which named the row by its index within the arm
     * ("control arm: label of row 1", which is row 2 of the input); now refused by its input row
     * before any model is fitted, whatever the learner.
     */
    @Test
    void aNonFiniteOutcomeIsRefusedByItsInputRow() {
        Matrix x = Matrix.ofRows(NAMES, new double[][] {{0, 0, 0}, {1, 1, 1}, {2, 2, 0}, {3, 1, 1}, {1, 0, 2}, {2, 1, 0}});
        double[] y = {0.5, 1, Double.NaN, 0.2, 0.1, 0.7};
        int[] t = {0, 1, 0, 1, 0, 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UpliftLearner.tLearner(Learner.ridge(1)).fit(x, y, t));
        assertEquals("outcome of row 2 is not finite: NaN", e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> UpliftLearner.sLearner((m, labels) -> { throw new AssertionError("fitted"); }).fit(x, y, t));
        assertEquals("outcome of row 2 is not finite: NaN", s.getMessage());
    }

    /** A treatment code near Integer.MAX_VALUE sized a count array by it: NegativeArraySizeException (or OutOfMemoryError). */
    @Test
    void aHugeTreatmentCodeIsRefusedByName() {
        Matrix x = Matrix.ofRows(NAMES, new double[][] {{0, 0, 0}, {1, 1, 1}, {2, 2, 0}, {3, 1, 1}});
        double[] y = {0, 1, 0, 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UpliftLearner.tLearner(Learner.logistic(1)).fit(x, y, new int[] {0, 1, 0, Integer.MAX_VALUE}));
        assertEquals("treatment 2 has no rows; codes must be 0 (control) and 1.." + Integer.MAX_VALUE, e.getMessage());
    }
}
