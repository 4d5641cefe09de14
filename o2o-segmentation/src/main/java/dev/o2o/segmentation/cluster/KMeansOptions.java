package dev.o2o.segmentation.cluster;

/**
 * Options of k-means++ clustering.
 *
 * <p>Immutable and thread-safe.
 *
 * @param k             number of clusters, {@code >= 1}
 * @param restarts      independent k-means++ runs; the one with the lowest inertia wins, {@code >= 1}
 * @param maxIterations Lloyd iterations per run, {@code >= 1}
 * @param seed          seed of the random generator (runs are reproducible)
 * @param silhouetteSample silhouette is computed on at most this many customers (a seeded sample), {@code >= 2}
 */
public record KMeansOptions(int k, int restarts, int maxIterations, long seed, int silhouetteSample) {

    public KMeansOptions {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (restarts < 1) {
            throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        if (silhouetteSample < 2) {
            throw new IllegalArgumentException("silhouetteSample must be >= 2, got " + silhouetteSample);
        }
    }

    /** {@code k} clusters, 10 restarts, 300 iterations, silhouette on up to 5,000 customers. */
    public static KMeansOptions of(int k, long seed) {
        return new KMeansOptions(k, 10, 300, seed, 5000);
    }

    /** These options with another k. */
    public KMeansOptions withK(int newK) {
        return new KMeansOptions(newK, restarts, maxIterations, seed, silhouetteSample);
    }
}
