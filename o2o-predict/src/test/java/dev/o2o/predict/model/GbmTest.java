package dev.o2o.predict.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.predict.data.Matrix;
import dev.o2o.predict.metrics.Metrics;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GbmTest {

    /** y = 1 with probability sigmoid(2·a − b) (b missing counts as +1), c is constant, d all missing, e noise. */
    static Matrix data(int n, long seed, double[] labels) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] cols = new double[5][n];
        for (int i = 0; i < n; i++) {
            cols[0][i] = r.nextGaussian();
            cols[1][i] = r.nextDouble() < 0.2 ? Double.NaN : r.nextGaussian();
            cols[2][i] = 3.0;
            cols[3][i] = Double.NaN;
            cols[4][i] = r.nextGaussian();
            double b = Double.isNaN(cols[1][i]) ? 1.0 : cols[1][i];
            double z = 2 * cols[0][i] - b;
            labels[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        return Matrix.of(List.of("a", "b", "c", "d", "e"), cols);
    }

    @Test
    void deterministicRegardlessOfThreadsAndRoundTripsThroughJson() {
        double[] y = new double[20000];
        Matrix x = data(20000, 1, y);
        GbmConfig c = GbmConfig.builder().trees(20).maxDepth(4).learningRate(0.2).subsample(0.8).colsampleByTree(0.8)
                .seed(42).threads(1).build();
        GbmModel one = GbmModel.fit(x, y, c);
        GbmModel two = GbmModel.fit(x, y, c.toBuilder().threads(2).build());
        GbmModel four = GbmModel.fit(x, y, c.toBuilder().threads(4).build());
        assertEquals(one.toJson(), two.toJson());
        assertEquals(one.toJson(), four.toJson());
        GbmModel other = GbmModel.fit(x, y, c.toBuilder().seed(43).build());
        assertTrue(!other.toJson().equals(one.toJson()), "another seed samples other rows");
        GbmModel back = GbmModel.fromJson(one.toJson());
        assertArrayEquals(one.predict(x), back.predict(x));
        double[] batch = one.predict(x);
        for (int i = 0; i < x.rows(); i += 7) {
            assertEquals(one.predict(x.row(i)), batch[i], 0.0, "row " + i); // the batch path equals row by row
        }
        assertEquals(one.toJson(), back.toJson());
    }

    /**
     * The batch takes a faster step in blocks without missing values: blocks of 128 rows, some with
     * a missing value and some without, values rounded so that many equal a threshold, and signed
     * zeros; every row's score equals scoring it alone, to the bit.
     */
    @Test
    void batchScoresEqualOneRowScoresWithAndWithoutMissingBlocks() {
        int n = 3000;
        SplittableRandom r = new SplittableRandom(11);
        double[][] cols = new double[3][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            cols[0][i] = Math.round(r.nextGaussian() * 4) / 4.0; // many values equal a cut
            cols[1][i] = i / 128 % 3 == 0 && i % 17 == 0 ? Double.NaN : r.nextGaussian();
            cols[2][i] = i % 5 == 0 ? -0.0 : r.nextGaussian();
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(cols[0][i] + cols[2][i]))) ? 1 : 0;
        }
        Matrix x = Matrix.of(List.of("a", "b", "c"), cols);
        GbmModel m = GbmModel.fit(x, y, GbmConfig.builder().trees(30).maxDepth(5).threads(1).build());
        double[] batch = m.predict(x);
        for (int i = 0; i < n; i++) {
            assertEquals(m.predict(x.row(i)), batch[i], 0.0, "row " + i);
        }
    }

    @Test
    void learnsTheSignalAndMissingDirectionIgnoringConstantAndEmptyFeatures() {
        double[] y = new double[20000];
        Matrix x = data(20000, 2, y);
        double[] ty = new double[20000];
        Matrix tx = data(20000, 3, ty);
        GbmModel m = GbmModel.fit(x, y, GbmConfig.builder().trees(50).maxDepth(3).learningRate(0.1).build());
        // the oracle: the true probabilities of the test rows
        double[] oracle = new double[20000];
        for (int i = 0; i < oracle.length; i++) {
            double b = Double.isNaN(tx.get(i, 1)) ? 1.0 : tx.get(i, 1);
            oracle[i] = 1 / (1 + Math.exp(-(2 * tx.get(i, 0) - b)));
        }
        double auc = Metrics.rocAuc(ty, m.predict(tx));
        double best = Metrics.rocAuc(ty, oracle);
        assertTrue(auc > best - 0.01, "gbm AUC " + auc + " vs oracle " + best);
        Map<String, Double> imp = m.importance();
        assertEquals(0.0, imp.get("c"), "a constant feature never splits");
        assertEquals(0.0, imp.get("d"), "an all-missing feature never splits");
        assertTrue(imp.get("a") > imp.get("b") && imp.get("b") > imp.get("e"), imp.toString());
        // a missing b acts like b = +1: lower probability than b = -1, about that of b = 1
        double missing = m.predict(new double[] {0, Double.NaN, 3, Double.NaN, 0});
        double low = m.predict(new double[] {0, -1, 3, Double.NaN, 0});
        double high = m.predict(new double[] {0, 1, 3, Double.NaN, 0});
        assertTrue(missing < low, missing + " vs b=-1 " + low);
        assertEquals(high, missing, 0.08);
    }

    @Test
    void squaredErrorLeafValuesAreXgboostsFormula() {
        // one split, x < 0.5 -> mean 1, else mean 5, lambda 1, eta 1: leaves -G/(H+1) around base 0
        double[][] rows = {{0}, {0}, {1}, {1}, {1}};
        double[] y = {1, 1, 5, 5, 5};
        GbmModel m = GbmModel.fit(Matrix.ofRows(List.of("x"), rows), y, GbmConfig.builder()
                .objective(GbmConfig.Objective.SQUARED_ERROR).trees(1).maxDepth(1).learningRate(1).l2(1)
                .minChildWeight(0).baseScore(0).build());
        assertEquals(2.0 / 3.0, m.predict(new double[] {0}), 1e-12); // G = -2, H = 2
        assertEquals(15.0 / 4.0, m.predict(new double[] {1}), 1e-12); // G = -15, H = 3
        assertEquals(1, m.trees());
    }

    @Test
    void maxLeavesAndMinChildWeightAndGammaLimitTrees() {
        double[] y = new double[5000];
        Matrix x = data(5000, 4, y);
        GbmModel leaves = GbmModel.fit(x, y, GbmConfig.builder().trees(1).maxDepth(0).maxLeaves(5).build());
        String json = leaves.toJson();
        int leafCount = countLeaves(leaves);
        assertEquals(5, leafCount, json);
        GbmModel none = GbmModel.fit(x, y, GbmConfig.builder().trees(1).minSplitGain(1e9).build());
        assertEquals(1, countLeaves(none), "gamma above every gain leaves a stump of one leaf");
        GbmModel heavy = GbmModel.fit(x, y, GbmConfig.builder().trees(1).minChildWeight(1e9).build());
        assertEquals(1, countLeaves(heavy));
    }

    static int countLeaves(GbmModel m) {
        GbmModel back = GbmModel.fromJson(m.toJson());
        int leaves = 0;
        String json = back.toJson();
        int at = json.indexOf("\"left\":[") + 8;
        for (String s : json.substring(at, json.indexOf(']', at)).split(",")) {
            if (s.equals("-1")) {
                leaves++;
            }
        }
        return leaves;
    }

    @Test
    void earlyStoppingKeepsTheBestRound() {
        double[] y = new double[4000];
        Matrix x = data(4000, 5, y);
        double[] vy = new double[4000];
        Matrix vx = data(4000, 6, vy);
        GbmConfig c = GbmConfig.builder().trees(300).maxDepth(6).learningRate(0.5).earlyStoppingRounds(5).build();
        GbmModel m = GbmModel.fit(x, y, vx, vy, c);
        assertTrue(m.trees() < 100, "stopped early at " + m.trees());
        GbmModel full = GbmModel.fit(x, y, c.toBuilder().earlyStoppingRounds(0).trees(m.trees() + 10).build());
        assertTrue(Metrics.logLoss(vy, m.predict(vx)) < Metrics.logLoss(vy, full.predict(vx)));
        assertThrows(IllegalArgumentException.class, () -> GbmModel.fit(x, y, c));
    }

    @Test
    void badInputAndConfig() {
        double[] y = new double[100];
        Matrix x = data(100, 7, y);
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> GbmModel.fit(x, new double[100], GbmConfig.defaults()));
        assertTrue(one.getMessage().contains("one class"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GbmModel.fit(x, new double[99], GbmConfig.defaults()));
        IllegalArgumentException lr = assertThrows(IllegalArgumentException.class,
                () -> GbmConfig.builder().learningRate(0).build());
        assertTrue(lr.getMessage().contains("learningRate"));
        assertThrows(IllegalArgumentException.class, () -> GbmConfig.builder().subsample(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> GbmConfig.builder().maxDepth(0).build());
        assertThrows(IllegalArgumentException.class, () -> GbmModel.fromJson("{\"format\":\"other\"}"));
        GbmModel m = GbmModel.fit(x, y, GbmConfig.builder().trees(2).build());
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[2]));
    }
    /**
     * Validation labels are checked as the training labels are: a NaN validation label made every
     * round's validation loss NaN, which never "improved", so early stopping kept zero trees and
     * the fit returned a constant model without a word; a logistic label of 2 was scored as if valid.
     */
    @Test
    void validationLabelsAreCheckedLikeTrainingLabels() {
        double[] y = new double[400];
        Matrix x = data(400, 5, y);
        double[] vy = new double[400];
        Matrix vx = data(400, 6, vy);
        GbmConfig c = GbmConfig.builder().trees(50).maxDepth(3).earlyStoppingRounds(5).threads(1).build();
        vy[3] = Double.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> GbmModel.fit(x, y, vx, vy, c));
        assertEquals("validation label of row 3 must be 0 or 1: NaN", nan.getMessage());
        vy[3] = 2;
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> GbmModel.fit(x, y, vx, vy, c));
        assertEquals("validation label of row 3 must be 0 or 1: 2.0", two.getMessage());
        GbmConfig sq = c.toBuilder().objective(GbmConfig.Objective.SQUARED_ERROR).baseScore(0).build();
        vy[3] = Double.POSITIVE_INFINITY;
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> GbmModel.fit(x, y, vx, vy, sq));
        assertEquals("validation label of row 3 is not finite: Infinity", inf.getMessage());
    }
    /**
     * Squared-error labels around 1e154 overflowed the split gains (G² is Infinity, a gain
     * Infinity − Infinity is NaN, never above the best): the fit built stumps and returned without
     * a word. Such labels (and base scores) are refused naming the value and the limit, 1e100; at
     * the limit the trees split as they should and every gain is finite.
     */
    @Test
    void squaredErrorLabelsBeyondTheLimitAreRefusedAndAtTheLimitSplit() {
        double[][] rows = new double[10][];
        double[] y = new double[10];
        for (int i = 0; i < 10; i++) {
            rows[i] = new double[] {i < 5 ? 0 : 1};
            y[i] = i < 5 ? -1e100 : 1e100;
        }
        Matrix x = Matrix.ofRows(List.of("x"), rows);
        GbmConfig sq = GbmConfig.builder().objective(GbmConfig.Objective.SQUARED_ERROR).baseScore(0).trees(3)
                .maxDepth(2).minChildWeight(0).threads(1).build();
        GbmModel m = GbmModel.fit(x, y, sq);
        assertTrue(m.predict(new double[] {0}) < -1e99 && m.predict(new double[] {1}) > 1e99,
                m.predict(new double[] {0}) + " " + m.predict(new double[] {1}));
        assertTrue(m.importance().get("x") > 0 && Double.isFinite(m.importance().get("x")));
        y[7] = 1e154;
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> GbmModel.fit(x, y, sq));
        assertEquals("label of row 7 is out of range: 1.0E154; squared-error labels must be within [-1e100, 1e100]",
                big.getMessage());
        y[7] = 1e100;
        double[] vy = y.clone();
        vy[2] = -1e154;
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                () -> GbmModel.fit(x, y, x, vy, sq.toBuilder().earlyStoppingRounds(2).build()));
        assertEquals("validation label of row 2 is out of range: -1.0E154; squared-error labels must be within"
                + " [-1e100, 1e100]", v.getMessage());
        IllegalArgumentException base = assertThrows(IllegalArgumentException.class,
                () -> sq.toBuilder().baseScore(-1e154).build());
        assertEquals("baseScore must be finite and within [-1e100, 1e100] for SQUARED_ERROR: -1.0E154",
                base.getMessage());
    }

    /**
     * A model file with a field missing or cut short was read with zeros in its place (Jackson's
     * {@code path(i).asDouble()} default): a tree without its leaf values, or with a threshold
     * short, or without a base margin loaded and scored other numbers without a word.
     */
    @Test
    void modelJsonWithAMissingOrShortFieldIsRefused() throws Exception {
        double[] y = new double[400];
        Matrix x = data(400, 5, y);
        GbmModel m = GbmModel.fit(x, y, GbmConfig.builder().trees(3).maxDepth(2).baseScore(0.3).threads(1).build());
        com.fasterxml.jackson.databind.ObjectMapper om = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode noValue =
                (com.fasterxml.jackson.databind.node.ObjectNode) om.readTree(m.toJson());
        ((com.fasterxml.jackson.databind.node.ObjectNode) noValue.path("trees").path(0)).remove("value");
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> GbmModel.fromJson(noValue.toString()));
        assertEquals("model JSON tree 0: 'value' must be an array of 7 entries, one per node; found MISSING",
                value.getMessage());
        com.fasterxml.jackson.databind.node.ObjectNode shortThreshold =
                (com.fasterxml.jackson.databind.node.ObjectNode) om.readTree(m.toJson());
        ((com.fasterxml.jackson.databind.node.ArrayNode) shortThreshold.path("trees").path(1).path("threshold")).remove(0);
        IllegalArgumentException threshold = assertThrows(IllegalArgumentException.class,
                () -> GbmModel.fromJson(shortThreshold.toString()));
        assertEquals("model JSON tree 1: 'threshold' must be an array of 7 entries, one per node; found ARRAY of 6",
                threshold.getMessage());
        com.fasterxml.jackson.databind.node.ObjectNode textLeft =
                (com.fasterxml.jackson.databind.node.ObjectNode) om.readTree(m.toJson());
        ((com.fasterxml.jackson.databind.node.ArrayNode) textLeft.path("trees").path(2).path("left")).set(0, "one");
        IllegalArgumentException left = assertThrows(IllegalArgumentException.class,
                () -> GbmModel.fromJson(textLeft.toString()));
        assertEquals("model JSON tree 2: 'left' entry 0 is not an integer: \"one\"", left.getMessage());
        com.fasterxml.jackson.databind.node.ObjectNode noBase =
                (com.fasterxml.jackson.databind.node.ObjectNode) om.readTree(m.toJson());
        noBase.remove("baseMargin");
        IllegalArgumentException base = assertThrows(IllegalArgumentException.class,
                () -> GbmModel.fromJson(noBase.toString()));
        assertEquals("model JSON has no number field 'baseMargin'", base.getMessage());
        assertEquals(m.toJson(), GbmModel.fromJson(m.toJson()).toJson());
    }
}
