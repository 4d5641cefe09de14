package dev.o2o.predict.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.o2o.predict.TestData;
import dev.o2o.predict.data.Matrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gamma (min split gain) against XGBoost 1.7.4. With {@code tree_method=hist}
 * (reference/gbm_gamma.py and its output gbm_gamma.json): a split whose gain is below gamma is
 * refused when it is found, even when the splits below it would have gained more
 * ({@link GbmConfig.Pruning#ON_SPLIT}, the default). With {@code tree_method=exact}
 * (reference/gbm_gamma_exact.py and gbm_gamma_exact.json, also in gbm_gamma.json): the tree is grown,
 * then pruned bottom-up ({@link GbmConfig.Pruning#BOTTOM_UP}).
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

    @Test
    void bottomUpPruningActsAsXgboostExactDoesOnTheStumpData() {
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
        int checked = 0;
        for (JsonNode run : TestData.reference("gbm_gamma.json").path("runs")) {
            if (!run.path("treeMethod").asText().equals("exact")) {
                continue;
            }
            double gamma = run.path("gamma").asDouble();
            GbmModel m = GbmModel.fit(x, y, GbmConfig.builder().objective(GbmConfig.Objective.SQUARED_ERROR).trees(1)
                    .maxDepth(2).learningRate(1).l2(1).minSplitGain(gamma).pruning(GbmConfig.Pruning.BOTTOM_UP)
                    .baseScore(0.5).minChildWeight(1).build());
            assertEquals(run.path("leaves").asInt(), GbmTest.countLeaves(m), "leaves at gamma " + gamma);
            double[][] cells = {{0, 0, 0.5}, {0, 1, 0.5}, {1, 0, 0.5}, {1, 1, 0.5}};
            for (int k = 0; k < cells.length; k++) {
                assertEquals(run.path("cells").path(k).asDouble(), m.predict(cells[k]), 1e-6,
                        "cell " + k + " at gamma " + gamma);
            }
            checked++;
        }
        assertEquals(5, checked);
    }

    /** Three trees of depth 4 over 600 rows, where exact's and hist's trees differ at gamma 0.3, 1 and 2. */
    @Test
    void bothPruningRulesMatchXgboostTreeByTree() {
        int n = 600;
        double[][] cols = new double[4][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            cols[0][i] = i % 8;
            cols[1][i] = (i / 8) % 8;
            cols[2][i] = (i * 37) % 11;
            cols[3][i] = (i * 7919) % 13;
            y[i] = ((cols[0][i] > 3) != (cols[1][i] > 3) ? 1 : 0) + 0.1 * cols[2][i] + 0.02 * cols[3][i] + 0.3 * Math.sin(i);
        }
        Matrix x = Matrix.of(List.of("x0", "x1", "x2", "x3"), cols);
        JsonNode ref = TestData.reference("gbm_gamma_exact.json");
        assertEquals("1.7.4", ref.path("xgboost").asText());
        int differ = 0;
        List<String> seen = new ArrayList<>();
        for (JsonNode run : ref.path("runs")) {
            String method = run.path("treeMethod").asText();
            double gamma = run.path("gamma").asDouble();
            GbmModel m = GbmModel.fit(x, y, GbmConfig.builder().objective(GbmConfig.Objective.SQUARED_ERROR).trees(3)
                    .maxDepth(4).learningRate(0.5).l2(1).minSplitGain(gamma).baseScore(0.5).minChildWeight(1)
                    .pruning(method.equals("exact") ? GbmConfig.Pruning.BOTTOM_UP : GbmConfig.Pruning.ON_SPLIT).build());
            String where = method + " at gamma " + gamma;
            List<Integer> expected = new ArrayList<>();
            run.path("leaves").forEach(v -> expected.add(v.asInt()));
            assertEquals(expected, leavesPerTree(m), where);
            double[] p = m.predict(x);
            for (int i = 0; i < n; i++) {
                // XGBoost sums in float32: its predictions carry about 1e-7 relative error
                assertEquals(run.path("predictions").path(i).asDouble(), p[i], 2e-6, where + ", row " + i);
            }
            seen.add(method + gamma);
            if (method.equals("exact")) {
                GbmModel greedy = GbmModel.fit(x, y, GbmConfig.builder().objective(GbmConfig.Objective.SQUARED_ERROR)
                        .trees(3).maxDepth(4).learningRate(0.5).l2(1).minSplitGain(gamma).baseScore(0.5).build());
                differ += leavesPerTree(greedy).equals(expected) ? 0 : 1;
            }
        }
        assertEquals(20, seen.size());
        assertEquals(3, differ, "the two rules give other trees at gamma 0.3, 1 and 2");
    }

    private static List<Integer> leavesPerTree(GbmModel m) {
        List<Integer> out = new ArrayList<>();
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(m.toJson());
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        for (JsonNode tree : json.path("trees")) {
            int leaves = 0;
            for (JsonNode left : tree.path("left")) {
                leaves += left.asInt() < 0 ? 1 : 0;
            }
            out.add(leaves);
        }
        return out;
    }
}
