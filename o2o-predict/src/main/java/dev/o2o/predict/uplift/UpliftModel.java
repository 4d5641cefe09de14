package dev.o2o.predict.uplift;

import dev.o2o.predict.data.Matrix;
import java.util.List;

/**
 * A fitted uplift model: for a customer's features, the estimated effect of each treatment
 * against control on the outcome (for a 0/1 outcome, a difference of probabilities).
 * Implementations are immutable and thread-safe.
 */
public interface UpliftModel {

    /** The feature names expected, in column order. */
    List<String> features();

    /** Number of treatments K (treatment codes 1..K; 0 is control). */
    int treatments();

    /** The effect of treatments 1..K against control, at index k − 1. */
    double[] effects(double[] row);

    /** Effects for every row: {@code [row][k - 1]}. */
    default double[][] effects(Matrix x) {
        if (!features().equals(x.names())) {
            throw new IllegalArgumentException("the model expects columns " + features() + ", the matrix has " + x.names());
        }
        double[][] out = new double[x.rows()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = effects(x.row(i));
        }
        return out;
    }

    /** The effect of treatment {@code k} (1-based) for every row. */
    default double[] effect(Matrix x, int k) {
        if (k < 1 || k > treatments()) {
            throw new IllegalArgumentException("treatment must be in [1, " + treatments() + "]: " + k);
        }
        double[][] all = effects(x);
        double[] out = new double[all.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = all[i][k - 1];
        }
        return out;
    }
}
