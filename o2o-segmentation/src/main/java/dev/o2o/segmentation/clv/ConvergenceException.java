package dev.o2o.segmentation.clv;

/**
 * Thrown when maximum-likelihood fitting does not reach an optimum: the optimizer stopped
 * without meeting its gradient test, or the Hessian at the end point is not positive definite.
 * The fit never silently returns its start values.
 *
 * <p>Unchecked. Immutable and thread-safe.
 */
public final class ConvergenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConvergenceException(String message) {
        super(message);
    }
}
