package dev.o2o.segmentation.clv;

/**
 * Options of maximum-likelihood fitting.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxIterations     optimizer iteration limit, {@code >= 1}
 * @param gradientTolerance converged when every gradient component (in log-parameters) is at
 *                          most this times {@code max(1, |LL|)}, {@code > 0}
 */
public record FitOptions(int maxIterations, double gradientTolerance) {

    public FitOptions {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(gradientTolerance > 0) || !Double.isFinite(gradientTolerance)) {
            throw new IllegalArgumentException("gradientTolerance must be > 0, got " + gradientTolerance);
        }
    }

    /** 500 iterations, gradient tolerance {@code 1e-8}. */
    public static FitOptions defaults() {
        return new FitOptions(500, 1e-8);
    }
}
