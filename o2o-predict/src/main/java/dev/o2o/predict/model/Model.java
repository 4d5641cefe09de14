package dev.o2o.predict.model;

import dev.o2o.predict.data.Matrix;
import java.util.List;

/**
 * A fitted model that scores rows of features: a probability for a binary model, a value for
 * a regression. Implementations are immutable and thread-safe. The built-in models are
 * {@link java.io.Serializable}, so a Spark job can broadcast them (o2o-spark).
 */
public interface Model {

    /** The feature names the model expects, in column order. */
    List<String> features();

    /**
     * The score of one row, its values in {@link #features()} order; {@code NaN} marks a missing
     * value. The built-in models refuse an infinite value, as {@link Matrix} does.
     */
    double predict(double[] row);

    /** Scores every row of a matrix whose columns are {@link #features()}. */
    default double[] predict(Matrix x) {
        Models.checkColumns(features(), x);
        double[] out = new double[x.rows()];
        double[] row = new double[x.columns()];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < row.length; j++) {
                row[j] = x.get(i, j);
            }
            out[i] = predict(row);
        }
        return out;
    }
}
