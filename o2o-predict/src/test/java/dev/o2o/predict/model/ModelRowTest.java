package dev.o2o.predict.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.predict.data.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Matrix refuses infinite values, but one row scored alone took them: a linear model returned
 * Infinity, a logistic model 1.0 (or, for +∞ and −∞ together, "row has a missing value"), a GBM
 * some leaf. Every built-in model now refuses an infinite value in a row by feature.
 */
class ModelRowTest {

    @Test
    void anInfiniteValueInARowIsRefusedByFeature() {
        LinearModel linear = new LinearModel(List.of("a", "b"), 0.5, new double[] {1, 2}, 0);
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
                () -> linear.predict(new double[] {1, Double.POSITIVE_INFINITY}));
        assertEquals("row value of feature 'b' (index 1) is infinite: Infinity", l.getMessage());
        LogisticModel logistic = new LogisticModel(List.of("a", "b"), 0, new double[] {1, 1}, 1, new double[] {1, 1}, 0, 1);
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> logistic.predict(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}));
        assertEquals("row value of feature 'a' (index 0) is infinite: Infinity", g.getMessage());
        double[] y = new double[200];
        Matrix x = GbmTest.data(200, 3, y);
        GbmModel gbm = GbmModel.fit(x, y, GbmConfig.builder().trees(3).maxDepth(2).threads(1).build());
        double[] row = x.row(0);
        row[4] = Double.NEGATIVE_INFINITY;
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> gbm.predict(row));
        assertEquals("row value of feature 'e' (index 4) is infinite: -Infinity", t.getMessage());
        row[4] = Double.NaN; // a missing value is still scored
        assertEquals(gbm.predict(Matrix.ofRows(x.names(), new double[][] {row}))[0], gbm.predict(row), 0.0);
    }
}
