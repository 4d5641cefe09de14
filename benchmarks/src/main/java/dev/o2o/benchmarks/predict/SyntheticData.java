package dev.o2o.benchmarks.predict;

import dev.o2o.predict.data.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark data set: {@code rows × features} standard normal features (features 0..9
 * carry signal, the rest are noise), label 1 with probability {@code sigmoid(Σ_{j<10} w_j·x_j +
 * 0.5·x_0·x_1)}, {@code w_j = 1/(j+1)}. benchmarks/predict_xgboost.py draws the same distribution
 * with numpy for the XGBoost timing.
 */
final class SyntheticData {
    final Matrix x;
    final double[] y;

    SyntheticData(int rows, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] cols = new double[features][rows];
        y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double z = 0;
            for (int j = 0; j < features; j++) {
                cols[j][i] = r.nextGaussian();
                if (j < 10) {
                    z += cols[j][i] / (j + 1);
                }
            }
            z += 0.5 * cols[0][i] * cols[1][i];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add("f" + j);
        }
        x = Matrix.of(names, cols);
    }
}
