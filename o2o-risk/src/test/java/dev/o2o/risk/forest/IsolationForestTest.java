package dev.o2o.risk.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.predict.metrics.Metrics;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsolationForestTest {

    @Test
    void averagePathLengthIsScikitLearns() {
        assertEquals(0, IsolationForest.averagePathLength(1));
        assertEquals(1, IsolationForest.averagePathLength(2));
        // scikit-learn 1.2.1 sklearn.ensemble._iforest._average_path_length([256]) and ([3])
        assertEquals(10.244770920119917, IsolationForest.averagePathLength(256), 1e-13);
        assertEquals(1.207392357589623, IsolationForest.averagePathLength(3), 1e-13);
    }

    @Test
    void theSameSeedGrowsTheSameForestAndAnotherSeedAnother() {
        double[][] x = new double[300][];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
        }
        double[] a = IsolationForest.fit(x, new ForestConfig(50, 64, false, 11)).scoreAll(x);
        double[] b = IsolationForest.fit(x, new ForestConfig(50, 64, false, 11)).scoreAll(x);
        double[] c = IsolationForest.fit(x, new ForestConfig(50, 64, false, 12)).scoreAll(x);
        assertArrayEquals(a, b);
        assertNotEquals(a[0], c[0]);
        // a point far outside is isolated at once: high score; the centre is not
        IsolationForest f = IsolationForest.fit(x, new ForestConfig(100, 64, false, 1));
        assertTrue(f.score(new double[] {8, 8, 8}) > 0.7);
        assertTrue(f.score(new double[] {0, 0, 0}) < 0.5);
        assertEquals(64, f.sampleSize());
    }

    @Test
    void theExtendedForestFindsTheSameAnomalies() throws IOException {
        List<String> data = IsolationForestReferenceTest.lines("iforest_data.csv");
        double[][] x = IsolationForestReferenceTest.features(data);
        double[] y = IsolationForestReferenceTest.labels(data);
        double plain = Metrics.rocAuc(y, IsolationForest.fit(x, ForestConfig.defaults()).scoreAll(x));
        double ext = Metrics.rocAuc(y, IsolationForest.fit(x, new ForestConfig(100, 256, true, 0)).scoreAll(x));
        assertTrue(ext > 0.85 && plain > 0.85, "plain " + plain + ", extended " + ext);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> IsolationForest.fit(new double[][] {{1, 2}, {3, Double.NaN}}, ForestConfig.defaults()));
        assertEquals("row 1, feature 1 is NaN: features must be finite numbers", nan.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> IsolationForest.fit(new double[][] {{1, 2}, {3}}, ForestConfig.defaults()));
        assertEquals("row 1 has 1 features, expected 2", ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IsolationForest.fit(new double[0][], ForestConfig.defaults()));
        IsolationForest f = IsolationForest.fit(new double[][] {{1, 2}, {3, 4}, {5, 1}}, ForestConfig.defaults());
        assertEquals(3, f.sampleSize());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> f.scoreAll(new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 1}}));
        assertEquals("row 1, feature 0 is Infinity: features must be finite numbers", inf.getMessage());
        assertEquals("trees must be at least 1: 0",
                assertThrows(IllegalArgumentException.class, () -> new ForestConfig(0, 256, false, 0)).getMessage());
        assertEquals("sampleSize must be at least 2: 1",
                assertThrows(IllegalArgumentException.class, () -> new ForestConfig(10, 1, false, 0)).getMessage());
    }

    /**
     * A null row failed without saying which: the first as a bare NullPointerException reading its
     * length, another as 'row'; scoreAll likewise.
     */
    @Test
    void aNullRowIsNamedByItsIndex() {
        ForestConfig c = ForestConfig.defaults();
        assertEquals("row 0", assertThrows(NullPointerException.class,
                () -> IsolationForest.fit(new double[][] {null, {1}}, c)).getMessage());
        assertEquals("row 2", assertThrows(NullPointerException.class,
                () -> IsolationForest.fit(new double[][] {{1}, {2}, null}, c)).getMessage());
        IsolationForest f = IsolationForest.fit(new double[][] {{1}, {2}, {3}}, c);
        assertEquals("row 1", assertThrows(NullPointerException.class,
                () -> f.scoreAll(new double[][] {{1}, null})).getMessage());
    }

    @Test
    void oneRowIsRefusedRatherThanScoredNaN() {
        // once: c(1) = 0 made every score 2^(-0/0), NaN, outside (0, 1]
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> IsolationForest.fit(new double[][] {{1, 2}}, ForestConfig.defaults()));
        assertEquals("an isolation forest needs at least two rows: 1", one.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> IsolationForest.fit(new double[0][], ForestConfig.defaults()));
        assertEquals("an isolation forest needs at least two rows: 0", none.getMessage());
        // two equal rows are no anomaly: both at 2^(-c(2)/c(2))
        assertEquals(0.5, IsolationForest.fit(new double[][] {{1, 2}, {1, 2}}, ForestConfig.defaults()).score(new double[] {1, 2}));
    }

    @Test
    void aFeatureSpanningMoreThanTheLargestDoubleIsStillSplit() {
        // once: max - min overflowed to infinity, so did the split point, and no row was split off
        double[][] x = {{-1.5e308}, {1.5e308}};
        IsolationForest f = IsolationForest.fit(x, new ForestConfig(20, 2, false, 0));
        // each row alone at depth 1: 2^(-1 / c(2)) = 0.5, not 2^(-2 / c(2)) = 0.25 for an unsplit pair
        assertArrayEquals(new double[] {0.5, 0.5}, f.scoreAll(x));
    }

    @Test
    void anExtendedForestOverFeaturesNearTheLargestDoubleSplitsAsOnTheSameDataScaledDown() {
        // once: the hyperplane sums (normal times row, added up) overflowed to infinity or NaN for
        // such rows, so their comparisons sent rows the wrong way or every row to one side. Scaling
        // by a power of two is exact, and the forest draws the same normals and split points on both
        // data sets, so without overflow their scores are equal bit for bit.
        SplittableRandom r = new SplittableRandom(5);
        double[][] big = new double[300][3];
        double[][] small = new double[300][3];
        for (int i = 0; i < big.length; i++) {
            for (int j = 0; j < 3; j++) {
                big[i][j] = (2 * r.nextDouble() - 1) * (i < 290 ? 1.7e308 : 1e305);
                small[i][j] = Math.scalb(big[i][j], -600);
            }
        }
        ForestConfig extended = new ForestConfig(50, 128, true, 9);
        double[] bigScores = IsolationForest.fit(big, extended).scoreAll(big);
        double[] smallScores = IsolationForest.fit(small, extended).scoreAll(small);
        assertArrayEquals(smallScores, bigScores);
        // and a row beyond every training row, where even the scoring sum overflows, scores as scaled down
        double[] far = {1.79e308, -1.79e308, 1.79e308};
        double[] farSmall = {Math.scalb(far[0], -600), Math.scalb(far[1], -600), Math.scalb(far[2], -600)};
        assertEquals(IsolationForest.fit(small, extended).score(farSmall), IsolationForest.fit(big, extended).score(far));
    }
}
