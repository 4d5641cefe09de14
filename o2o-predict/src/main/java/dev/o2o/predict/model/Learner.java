package dev.o2o.predict.model;

import dev.o2o.predict.data.Matrix;

import java.util.Objects;

/**
 * Fits a {@link Model} to a feature matrix and a label per row (0/1 for a binary learner).
 * Built-ins: {@link #logistic(double)}, {@link #gbm(GbmConfig)} and {@link #ridge(double)}. Learners are immutable
 * configurations and thread-safe; fitting the same data twice gives the same model.
 */
@FunctionalInterface
public interface Learner {

    /** Fits a model. */
    Model fit(Matrix x, double[] labels);

    /** L2-regularised logistic regression with penalty {@code l2/2 · ‖w‖²} (intercept not penalised). */
    static Learner logistic(double l2) {
        LogisticRegression.checkL2(l2);
        return (x, y) -> LogisticRegression.fit(x, y, l2);
    }

    /** Gradient-boosted trees with the given configuration (no early stopping: it needs a validation set). */
    static Learner gbm(GbmConfig config) {
        Objects.requireNonNull(config, "config");
        return (x, y) -> GbmModel.fit(x, y, config);
    }

    /**
     * Ridge (L2-penalised least squares) regression, for real-valued labels; {@code l2 = 0} is ordinary least squares.
     * Features and labels must be within ±10<sup>100</sup> (beyond, the normal equations overflow); fit refuses
     * others naming the value and its row.
     */
    static Learner ridge(double l2) {
        LogisticRegression.checkL2(l2);
        return (x, y) -> RidgeRegression.fit(x, y, l2);
    }
}
