package dev.o2o.predict.model;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A fitted linear regression {@code y = intercept + w·x}, e.g. the effect model of an
 * X-learner over logistic outcome models. Immutable and thread-safe.
 *
 * @param features     feature names
 * @param intercept    the intercept
 * @param coefficients one per feature
 * @param l2           the ridge penalty L of {@code L/2 · ‖w‖²} (intercept not penalised)
 */
public record LinearModel(List<String> features, double intercept, double[] coefficients, double l2)
        implements Model, Serializable {

    /** Validates lengths, finiteness and the penalty; copies the arrays. */
    public LinearModel {
        features = List.copyOf(features);
        Objects.requireNonNull(coefficients, "coefficients");
        if (coefficients.length != features.size()) {
            throw new IllegalArgumentException("need one coefficient per feature (" + features.size() + "), got "
                    + coefficients.length);
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("intercept is not finite: " + intercept);
        }
        for (int j = 0; j < coefficients.length; j++) {
            if (!Double.isFinite(coefficients[j])) {
                throw new IllegalArgumentException("coefficient of " + features.get(j) + " is not finite: " + coefficients[j]);
            }
        }
        LogisticRegression.checkL2(l2);
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double predict(double[] row) {
        Models.checkRow(features, row);
        double z = intercept;
        for (int j = 0; j < row.length; j++) {
            z += coefficients[j] * row[j];
        }
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("row has a missing value; linear regression needs every feature");
        }
        return z;
    }
}
