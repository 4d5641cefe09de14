package dev.o2o.predict.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.o2o.predict.Hillstrom;
import dev.o2o.predict.TestData;
import dev.o2o.predict.data.Encoding;
import dev.o2o.predict.data.FeatureEncoder;
import dev.o2o.predict.data.Frame;
import dev.o2o.predict.data.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    @Test
    void hillstromCoefficientsEqualScikitLearn() {
        Frame f = Hillstrom.frame();
        JsonNode ref = TestData.reference("hillstrom_reference.json").get("logistic");
        Matrix x = FeatureEncoder.fit(f, List.of("recency", "history", "mens", "womens", "newbie", "zip_code", "channel"),
                Encoding.ONE_HOT).transform(f);
        for (String l2 : List.of("1.0", "100.0")) {
            JsonNode r = ref.get(l2);
            List<String> names = new java.util.ArrayList<>();
            r.get("features").forEach(n -> names.add(n.asText()));
            assertEquals(names, x.names());
            LogisticModel m = (LogisticModel) Learner.logistic(Double.parseDouble(l2)).fit(x, f.numeric("visit"));
            assertEquals(r.get("intercept").asDouble(), m.intercept(), 1e-6, "intercept, l2 " + l2);
            for (int j = 0; j < names.size(); j++) {
                assertEquals(r.get("coefficients").get(j).asDouble(), m.coefficients()[j], 1e-6, names.get(j) + ", l2 " + l2);
                assertTrue(m.standardErrors()[j] > 0 && Double.isFinite(m.standardErrors()[j]));
            }
        }
    }

    @Test
    void unpenalisedFitHasWaldStandardErrors() {
        // one binary feature: the MLE is the log odds ratio, its SE sqrt(1/a + 1/b + 1/c + 1/d)
        double[][] rows = new double[100][1];
        double[] y = new double[100];
        int[][] cells = {{0, 0, 30}, {0, 1, 10}, {1, 0, 20}, {1, 1, 40}};
        int i = 0;
        for (int[] c : cells) {
            for (int k = 0; k < c[2]; k++, i++) {
                rows[i][0] = c[0];
                y[i] = c[1];
            }
        }
        LogisticModel m = (LogisticModel) Learner.logistic(0).fit(Matrix.ofRows(List.of("x"), rows), y);
        assertEquals(Math.log((40.0 / 20) / (10.0 / 30)), m.coefficient("x"), 1e-10);
        assertEquals(Math.log(10.0 / 30), m.intercept(), 1e-10);
        assertEquals(Math.sqrt(1 / 30.0 + 1 / 10.0 + 1 / 20.0 + 1 / 40.0), m.standardErrors()[0], 1e-8);
        assertEquals(Math.sqrt(1 / 30.0 + 1 / 10.0), m.interceptStandardError(), 1e-8);
        assertEquals(40.0 / 60, m.predict(new double[] {1}), 1e-10);
    }

    @Test
    void badInputIsRefusedByName() {
        double[] y = {0, 1, 0, 1};
        Matrix constant = Matrix.ofRows(List.of("a", "k"), new double[][] {{1, 5}, {2, 5}, {3, 5}, {2, 5}});
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> Learner.logistic(0).fit(constant, y));
        assertTrue(c.getMessage().contains("'k' is constant"), c.getMessage());
        // with a penalty the constant feature has a defined (finite) weight
        LogisticModel m = (LogisticModel) Learner.logistic(1).fit(constant, y);
        assertTrue(Double.isFinite(m.coefficient("k")));
        Matrix missing = Matrix.ofRows(List.of("a", "m"), new double[][] {{1, Double.NaN}, {2, Double.NaN}, {3, Double.NaN}, {2, Double.NaN}});
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> Learner.logistic(1).fit(missing, y));
        assertTrue(a.getMessage().contains("'m' is missing in every row"), a.getMessage());
        Matrix ok = Matrix.ofRows(List.of("a"), new double[][] {{1}, {2}, {3}, {4}});
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> Learner.logistic(1).fit(ok, new double[] {1, 1, 1, 1}));
        assertTrue(one.getMessage().contains("one class"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Learner.logistic(-1));
        assertThrows(IllegalArgumentException.class, () -> Learner.logistic(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Learner.logistic(1).fit(ok, new double[] {0, 1}));
    }
    /**
     * LinearModel took a NaN or infinite intercept or coefficient (LogisticModel refuses them): the
     * model was built and every prediction then failed as "row has a missing value" (NaN) or
     * returned an infinity.
     */
    @Test
    void linearModelRefusesANonFiniteParameter() {
        IllegalArgumentException intercept = assertThrows(IllegalArgumentException.class,
                () -> new LinearModel(List.of("a", "b"), Double.NaN, new double[] {1, 2}, 0));
        assertEquals("intercept is not finite: NaN", intercept.getMessage());
        IllegalArgumentException coefficient = assertThrows(IllegalArgumentException.class,
                () -> new LinearModel(List.of("a", "b"), 0, new double[] {1, Double.NEGATIVE_INFINITY}, 0));
        assertEquals("coefficient of b is not finite: -Infinity", coefficient.getMessage());
        IllegalArgumentException l2 = assertThrows(IllegalArgumentException.class,
                () -> new LinearModel(List.of("a", "b"), 0, new double[] {1, 2}, -1));
        assertEquals("l2 must be a finite number >= 0: -1.0", l2.getMessage());
        assertEquals(5.5, new LinearModel(List.of("a", "b"), 0.5, new double[] {1, 2}, 0).predict(new double[] {1, 2}));
    }

    /**
     * LogisticModel took any l2 and iteration count (the trainer checks l2, the public record did
     * not): a model claimed a penalty of -1, NaN or Infinity.
     */
    @Test
    void logisticModelRefusesABadL2OrIterationCount() {
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new LogisticModel(List.of("a"), 0, new double[] {1}, 1, new double[] {1}, bad, 1));
            assertEquals("l2 must be a finite number >= 0: " + bad, e.getMessage());
        }
        IllegalArgumentException it = assertThrows(IllegalArgumentException.class,
                () -> new LogisticModel(List.of("a"), 0, new double[] {1}, 1, new double[] {1}, 0, -1));
        assertEquals("iterations must be >= 0: -1", it.getMessage());
        assertEquals(0.5, new LogisticModel(List.of("a"), 0, new double[] {1}, 1, new double[] {1}, 0, 0)
                .predict(new double[] {0}));
    }
}
