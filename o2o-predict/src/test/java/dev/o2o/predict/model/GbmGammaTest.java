package dev.o2o.predict.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.o2o.predict.TestData;
import dev.o2o.predict.data.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gamma (min split gain) against XGBoost 1.7.4 with {@code tree_method=hist}
 * (reference/gbm_gamma.py and its output gbm_gamma.json): a split whose gain is below gamma is
 * refused when it is found, even when the splits below it would have gained more. (XGBoost's
 * {@code exact} method instead prunes bottom-up after growing; its figures are in the same file
 * and show the difference.)
 */
class GbmGammaTest {

    @Test
    void gammaActsAsXgboostHistDoes() {
        int n = 400;
        double[][] cols = new double[3][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            cols[0][i] = i % 2;
            cols[1][i] = (i / 2) % 2;
            cols[2][i] = (i * 7919 % 101) / 101.0;
            y[i] = (cols[0][i] != cols[1][i] ? 1 : 0) + 0.3 * cols[0][i] + 0.05 * cols[2][i];
        }
        Matrix x = Matrix.of(List.of("a", "b", "c"), cols);
        JsonNode ref = TestData.reference("gbm_gamma.json");
        assertEquals("1.7.4", ref.path("xgboost").asText());
        int checked = 0;
        for (JsonNode run : ref.path("runs")) {
            if (!run.path("treeMethod").asText().equals("hist")) {
                continue;
            }
            double gamma = run.path("gamma").asDouble();
            GbmModel m = GbmModel.fit(x, y, GbmConfig.builder().objective(GbmConfig.Objective.SQUARED_ERROR).trees(1)
                    .maxDepth(2).learningRate(1).l2(1).minSplitGain(gamma).baseScore(0.5).minChildWeight(1).build());
            assertEquals(run.path("leaves").asInt(), GbmTest.countLeaves(m), "leaves at gamma " + gamma);
            double[][] cells = {{0, 0, 0.5}, {0, 1, 0.5}, {1, 0, 0.5}, {1, 1, 0.5}};
            for (int k = 0; k < cells.length; k++) {
                assertEquals(run.path("cells").path(k).asDouble(), m.predict(cells[k]), 1e-6,
                        "cell " + k + " at gamma " + gamma);
            }
            double rootGain = m.importance().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            if (run.path("leaves").asInt() > 1) {
                assertEquals(run.path("rootGain").asDouble(), m.importance().get("a"), 1e-5, "root gain at " + gamma);
            } else {
                assertEquals(0.0, rootGain, "no split at gamma " + gamma);
            }
            checked++;
        }
        assertEquals(5, checked);
    }
}
