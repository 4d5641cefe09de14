package dev.o2o.predict.model;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A fitted logistic regression: {@code P(y = 1 | x) = 1 / (1 + exp(-(intercept + w·x)))}.
 *
 * <p>Standard errors are the square roots of the diagonal of the inverse of the penalised
 * Hessian of the objective at the optimum (for {@code l2 = 0}, the usual Wald standard errors).
 * Immutable and thread-safe.
 *
 * @param features       feature names, in coefficient order
 * @param intercept      the intercept
 * @param coefficients   one per feature
 * @param interceptStandardError standard error of the intercept
 * @param standardErrors one per feature
 * @param l2             the penalty weight L of {@code L/2 · ‖w‖²}
 * @param iterations     Newton (IRLS) iterations taken
 */
public record LogisticModel(List<String> features, double intercept, double[] coefficients,
                            double interceptStandardError, double[] standardErrors, double l2, int iterations)
        implements Model, Serializable {

    /** Validates lengths, finiteness, {@code l2} and {@code iterations}; copies the arrays. */
    public LogisticModel {
        features = List.copyOf(features);
        LogisticRegression.checkL2(l2);
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0: " + iterations);
        }
        Objects.requireNonNull(coefficients, "coefficients");
        Objects.requireNonNull(standardErrors, "standardErrors");
        if (coefficients.length != features.size() || standardErrors.length != features.size()) {
            throw new IllegalArgumentException("need one coefficient and standard error per feature (" + features.size()
                    + "), got " + coefficients.length + " and " + standardErrors.length);
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("intercept is not finite: " + intercept);
        }
        for (int j = 0; j < coefficients.length; j++) {
            if (!Double.isFinite(coefficients[j])) {
                throw new IllegalArgumentException("coefficient of " + features.get(j) + " is not finite: " + coefficients[j]);
            }
        }
        coefficients = coefficients.clone();
        standardErrors = standardErrors.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    /** The coefficient of a feature. */
    public double coefficient(String feature) {
        int j = features.indexOf(feature);
        if (j < 0) {
            throw new IllegalArgumentException("no feature '" + feature + "'; features are " + features);
        }
        return coefficients[j];
    }

    @Override
    public double predict(double[] row) {
        Models.checkRow(features, row);
        double z = intercept;
        for (int j = 0; j < row.length; j++) {
            z += coefficients[j] * row[j];
        }
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("row has a missing value; logistic regression needs every feature");
        }
        return Models.sigmoid(z);
    }
}
