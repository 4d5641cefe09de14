package dev.o2o.segmentation.cluster;

/**
 * The result of {@link KMeans#fit}: a cluster per customer, centroids, inertia and silhouette.
 *
 * <p>Immutable and thread-safe (arrays are copied out).
 */
public final class Clustering {

    private final int[] assignment;
    private final double[][] centroids;
    private final FeatureScaling scaling;
    private final double inertia;
    private final double silhouette;

    Clustering(int[] assignment, double[][] centroids, FeatureScaling scaling, double inertia, double silhouette) {
        this.assignment = assignment;
        this.centroids = centroids;
        this.scaling = scaling;
        this.inertia = inertia;
        this.silhouette = silhouette;
    }

    /** Number of clusters. */
    public int k() {
        return centroids.length;
    }

    /** The cluster (0..k-1) of the customer at {@code i}. */
    public int cluster(int i) {
        return assignment[i];
    }

    /** Every customer's cluster (a copy). */
    public int[] assignments() {
        return assignment.clone();
    }

    /** Customers per cluster. */
    public int[] sizes() {
        int[] s = new int[k()];
        for (int a : assignment) {
            s[a]++;
        }
        return s;
    }

    /** The centroid of cluster {@code c} in standardized units (a copy). */
    public double[] centroidStandardized(int c) {
        return centroids[c].clone();
    }

    /** The centroid of cluster {@code c} in the features' original units. */
    public double[] centroid(int c) {
        return scaling.invert(centroids[c]);
    }

    /** The scaling the features were standardized with. */
    public FeatureScaling scaling() {
        return scaling;
    }

    /** Sum of squared distances to the assigned centroids, in standardized units. */
    public double inertia() {
        return inertia;
    }

    /**
     * Mean silhouette coefficient in [-1, 1] (higher is better separated), on the whole data or
     * a seeded sample of it; NaN for a single cluster.
     */
    public double silhouette() {
        return silhouette;
    }
}
