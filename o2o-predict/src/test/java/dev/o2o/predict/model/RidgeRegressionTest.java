package dev.o2o.predict.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.o2o.predict.data.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class RidgeRegressionTest {

    /**
     * Features or labels around 1e154 overflowed the normal equations (a square or a product
     * beyond the double range): the fit failed as a singular matrix that is not singular, or gave
     * NaN coefficients. They are refused naming the value, its row (and feature) and the limit,
     * 1e100 as for GBM squared-error labels; at the limit the fit is exact.
     */
    @Test
    void valuesBeyondTheLimitAreRefusedAndAtTheLimitFitExactly() {
        double[][] rows = new double[4][];
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) {
            rows[i] = new double[] {i, 1e100 * (i % 2)};
            y[i] = 1e100 * i / 4;
        }
        // at the limit: labels of 1e100 on a feature near 1, and a feature of 1e100 on labels near 1
        LinearModel m = (LinearModel) Learner.ridge(0).fit(Matrix.ofRows(List.of("a"),
                new double[][] {{0}, {0.25}, {0.5}, {0.75}}), y);
        assertEquals(1e100, m.coefficients()[0], 1e88);
        assertEquals(0, m.intercept(), 1e88);
        LinearModel n = (LinearModel) Learner.ridge(0).fit(Matrix.ofRows(List.of("b"),
                new double[][] {{0}, {-1e100}, {0.5e100}, {1e100}}), new double[] {1, -2, 2.5, 4});
        assertEquals(3e-100, n.coefficients()[0], 1e-112);
        assertEquals(1, n.intercept(), 1e-12);

        rows[3][1] = 1e154;
        Matrix big = Matrix.ofRows(List.of("a", "b"), rows);
        IllegalArgumentException feature = assertThrows(IllegalArgumentException.class,
                () -> Learner.ridge(1).fit(big, y));
        assertEquals("feature 'b' in row 3 is out of range: 1.0E154; ridge regression needs features and labels"
                + " within [-1e100, 1e100]", feature.getMessage());

        rows[3][1] = 1e100;
        y[2] = -1e154;
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> Learner.ridge(1).fit(Matrix.ofRows(List.of("a", "b"), rows), y));
        assertEquals("label of row 2 is out of range: -1.0E154; ridge regression needs features and labels"
                + " within [-1e100, 1e100]", label.getMessage());
    }
}
