package dev.o2o.segmentation.cluster;

/**
 * One row of an elbow table for choosing k.
 *
 * <p>Immutable and thread-safe.
 *
 * @param k          number of clusters
 * @param inertia    within-cluster sum of squares (standardized units)
 * @param silhouette mean silhouette coefficient (NaN for k = 1)
 */
public record ElbowPoint(int k, double inertia, double silhouette) {
}
