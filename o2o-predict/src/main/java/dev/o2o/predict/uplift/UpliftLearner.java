package dev.o2o.predict.uplift;

import dev.o2o.predict.data.Matrix;
import dev.o2o.predict.model.Learner;
import java.util.Objects;

/**
 * Fits an {@link UpliftModel} from features, a finite outcome per row and a treatment code per row
 * (0 for control, 1..K for K treatments, each present). Built-ins are the meta-learners of
 * Künzel et al. (2019) and the class transformation of Jaskowski and Jaroszewicz (2012) over any
 * {@link Learner}. Immutable configurations, thread-safe.
 */
@FunctionalInterface
public interface UpliftLearner {

    /** Fits a model. */
    UpliftModel fit(Matrix x, double[] outcome, int[] treatment);

    /**
     * S-learner: one model of the outcome on the features plus a 0/1 indicator column per
     * treatment; the effect of treatment k is the prediction with indicator k set minus the
     * prediction with none set.
     */
    static UpliftLearner sLearner(Learner base) {
        Objects.requireNonNull(base, "base");
        return (x, y, t) -> MetaLearners.s(base, x, y, t);
    }

    /** T-learner: one outcome model per arm; the effect is the treated arm's prediction minus control's. */
    static UpliftLearner tLearner(Learner base) {
        Objects.requireNonNull(base, "base");
        return (x, y, t) -> MetaLearners.t(base, x, y, t);
    }

    /**
     * X-learner: outcome models μ₀, μₖ per arm (by {@code outcome}); imputed effects
     * {@code Y − μ₀(X)} on treated rows and {@code μₖ(X) − Y} on control rows, each regressed on
     * the features (by {@code effect}, a regression learner) to τₖ₁ and τₖ₀; the effect is
     * {@code g·τₖ₀(x) + (1 − g)·τₖ₁(x)} with g the share of treated rows among arm k and control
     * (the propensity of a randomised experiment).
     */
    static UpliftLearner xLearner(Learner outcome, Learner effect) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(effect, "effect");
        return (x, y, t) -> MetaLearners.x(outcome, effect, x, y, t);
    }

    /**
     * Class transformation: per treatment k, a classifier of {@code Z = 1} when a treated row
     * responded or a control row did not; the effect is {@code 2·P(Z = 1 | x) − 1}. Exact when
     * arm k and control are the same size (the formula assumes a propensity of one half); the
     * outcome must be 0/1.
     */
    static UpliftLearner classTransformation(Learner base) {
        Objects.requireNonNull(base, "base");
        return (x, y, t) -> MetaLearners.classTransformation(base, x, y, t);
    }
}
