package dev.o2o.predict.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ForestTest {

    /** A depth-2 tree over features 0 and 1 whose nodes are numbered out of breadth-first order. */
    static Tree uneven() {
        // 0: x0 < 0.5 ? 1 : 2 (missing right); 1: leaf -1; 2: x1 < -1 ? 3 : 4 (missing left); 3: leaf 2; 4: leaf 3
        return new Tree(new int[] {0, 0, 1, 0, 0}, new double[] {0.5, 0, -1, 0, 0},
                new boolean[] {false, false, true, false, false}, new int[] {1, -1, 3, -1, -1},
                new int[] {2, -1, 4, -1, -1}, new double[] {0, -1, 0, 2, 3}, new double[5], new double[5]);
    }

    static Tree stump() {
        return new Tree(new int[] {0}, new double[] {0}, new boolean[] {false}, new int[] {-1}, new int[] {-1},
                new double[] {0.25}, new double[1], new double[1]);
    }

    @Test
    void equalsTheTreesRowByRowAndInBlocksWithMissingValues() {
        List<Tree> trees = List.of(uneven(), stump(), uneven());
        Forest forest = new Forest(trees);
        assertEquals(3, forest.trees());
        assertEquals(1.0 - 1 + 0.25 - 1, forest.sum(1.0, new double[] {0, 5}), 0.0);
        assertEquals(10 + 2 + 0.25 + 2, forest.sum(10, new double[] {1, -2}), 0.0);
        assertEquals(3 + 0.25 + 3, forest.sum(0, new double[] {1, 7}), 0.0);
        assertEquals(2 + 0.25 + 2, forest.sum(0, new double[] {Double.NaN, Double.NaN}), 0.0, "right, then left");
        SplittableRandom r = new SplittableRandom(3);
        int n = 200;
        double[][] cols = new double[2][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
                cols[j][i] = r.nextDouble() < 0.1 ? Double.NaN : r.nextGaussian();
            }
        }
        double[] out = new double[n];
        int[] scratch = new int[n];
        double[] rows = new double[2 * (n - 10)];
        for (int i = 10; i < n; i++) {
            rows[2 * (i - 10)] = cols[0][i];
            rows[2 * (i - 10) + 1] = cols[1][i];
        }
        for (int t = 0; t < forest.trees(); t++) {
            forest.add(t, rows, 2, n - 10, out, 10, scratch);
        }
        for (int i = 0; i < n; i++) {
            double[] row = {cols[0][i], cols[1][i]};
            double expected = 0;
            for (Tree t : trees) {
                expected += t.predict(row);
            }
            assertEquals(i < 10 ? 0 : expected, out[i], 0.0, "row " + i);
            assertEquals(expected, forest.sum(0, row), 0.0, "row " + i);
        }
    }

    /** The step for rows without missing values, on values equal to thresholds and on signed zeros. */
    @Test
    void finiteStepEqualsTheTreesOnTiesAndZeros() {
        // x0 < 0.0 ? (x1 < -0.0 ? 1 : 2) : (x1 < 1e-300 ? 3 : 4), then the uneven tree
        Tree zeros = new Tree(new int[] {0, 1, 1, 0, 0, 0, 0}, new double[] {0.0, -0.0, 1e-300, 0, 0, 0, 0},
                new boolean[7], new int[] {1, 3, 5, -1, -1, -1, -1}, new int[] {2, 4, 6, -1, -1, -1, -1},
                new double[] {0, 0, 0, 1, 2, 3, 4}, new double[7], new double[7]);
        List<Tree> trees = List.of(zeros, uneven(), stump());
        Forest forest = new Forest(trees);
        double[] values = {-0.0, 0.0, 1e-300, -1e-300, Double.MIN_VALUE, -Double.MIN_VALUE, 0.5, -1, Math.nextUp(0.5),
            Math.nextDown(-1), -Double.MAX_VALUE, Double.MAX_VALUE, 3};
        int n = values.length * values.length;
        double[] rows = new double[2 * n];
        for (int a = 0; a < values.length; a++) {
            for (int b = 0; b < values.length; b++) {
                int k = a * values.length + b;
                rows[2 * k] = values[a] + 0.0; // as GbmModel copies them
                rows[2 * k + 1] = values[b] + 0.0;
            }
        }
        double[] out = new double[n];
        int[] scratch = new int[n];
        for (int t = 0; t < forest.trees(); t++) {
            forest.addFinite(t, rows, 2, n, out, 0, scratch);
        }
        for (int a = 0; a < values.length; a++) {
            for (int b = 0; b < values.length; b++) {
                double[] row = {values[a], values[b]};
                double expected = 0;
                for (Tree t : trees) {
                    expected += t.predict(row);
                }
                assertEquals(expected, out[a * values.length + b], 0.0, values[a] + ", " + values[b]);
            }
        }
    }
}
