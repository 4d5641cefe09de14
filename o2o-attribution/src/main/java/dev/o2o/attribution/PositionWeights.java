package dev.o2o.attribution;

/**
 * Weight of the touch at {@code position} (0 = first) in a path of {@code length} touches, for custom
 * position-based attribution. Weights of one path are normalized to sum to 1, so they need only be
 * non-negative with a positive sum. Implementations must be stateless and thread-safe.
 */
@FunctionalInterface
public interface PositionWeights {

    /** The unnormalized, non-negative weight of a position. */
    double weight(int position, int length);
}
