package dev.o2o.risk.forest;

/**
 * How an {@link IsolationForest} is grown.
 *
 * <p>Immutable and thread-safe.
 *
 * @param trees      the number of trees, at least 1 (scikit-learn's {@code n_estimators}, default 100)
 * @param sampleSize the rows drawn without replacement for each tree, at least 2 (scikit-learn's
 *                   {@code max_samples}, default 256; fewer rows than this use all rows)
 * @param extended   whether splits are random hyperplanes over all features (extended isolation
 *                   forest) instead of one feature at a random threshold
 * @param seed       the seed of every random draw: the same data, configuration and seed grow the same forest
 */
public record ForestConfig(int trees, int sampleSize, boolean extended, long seed) {

    public ForestConfig {
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be at least 1: " + trees);
        }
        if (sampleSize < 2) {
            throw new IllegalArgumentException("sampleSize must be at least 2: " + sampleSize);
        }
    }

    /** 100 trees of 256 rows, axis-parallel splits, seed 0. */
    public static ForestConfig defaults() {
        return new ForestConfig(100, 256, false, 0);
    }

    /** A copy with another seed. */
    public ForestConfig withSeed(long s) {
        return new ForestConfig(trees, sampleSize, extended, s);
    }
}
