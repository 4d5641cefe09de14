package dev.o2o.segmentation.cluster;

import dev.o2o.segmentation.rfm.RfmTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * k-means++ (Arthur and Vassilvitskii 2007) over z-score standardized features. The Lloyd
 * iterations are commons-math's {@code KMeansPlusPlusClusterer} driven by a seeded generator;
 * scaling, restarts, inertia, silhouette and the elbow table are ours.
 *
 * <p>Stateless and thread-safe.
 */
public final class KMeans {

    private KMeans() {
    }

    /** A customer's standardized features, remembering its index. */
    private record Point(int index, double[] point) implements Clusterable {
        @Override
        public double[] getPoint() {
            return point;
        }
    }

    /** RFM features, one row per customer: recency days, frequency, monetary. */
    public static double[][] rfmFeatures(RfmTable table) {
        Objects.requireNonNull(table, "table");
        double[] r = table.recencyDays();
        double[] f = table.frequency();
        double[] m = table.monetary();
        double[][] rows = new double[r.length][];
        for (int i = 0; i < r.length; i++) {
            rows[i] = new double[] {r[i], f[i], m[i]};
        }
        return rows;
    }

    /**
     * Clusters rows of features.
     *
     * @throws IllegalArgumentException for invalid rows or fewer distinct rows than k
     */
    public static Clustering fit(double[][] features, KMeansOptions options) {
        Objects.requireNonNull(options, "options");
        FeatureScaling.checkRows(features);
        if (features.length < options.k()) {
            throw new IllegalArgumentException(features.length + " rows cannot form k = " + options.k() + " clusters");
        }
        requireDistinctRows(features, options.k());
        FeatureScaling scaling = FeatureScaling.fit(features);
        List<Point> points = new ArrayList<>(features.length);
        for (int i = 0; i < features.length; i++) {
            points.add(new Point(i, scaling.apply(features[i])));
        }
        RandomGenerator rng = new Well19937c(options.seed());
        KMeansPlusPlusClusterer<Point> clusterer = new KMeansPlusPlusClusterer<>(options.k(), options.maxIterations(),
                new EuclideanDistance(), rng, KMeansPlusPlusClusterer.EmptyClusterStrategy.LARGEST_VARIANCE);
        int[] best = null;
        double[][] bestCentroids = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int run = 0; run < options.restarts(); run++) {
            List<CentroidCluster<Point>> clusters = clusterer.cluster(points);
            int[] assignment = new int[features.length];
            double[][] centroids = new double[clusters.size()][];
            double inertia = 0;
            for (int c = 0; c < clusters.size(); c++) {
                centroids[c] = clusters.get(c).getCenter().getPoint().clone();
                for (Point p : clusters.get(c).getPoints()) {
                    assignment[p.index()] = c;
                    inertia += squaredDistance(p.point(), centroids[c]);
                }
            }
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = assignment;
                bestCentroids = centroids;
            }
        }
        double silhouette = silhouette(points, best, bestCentroids.length, options.silhouetteSample(), options.seed());
        return new Clustering(best, bestCentroids, scaling, bestInertia, silhouette);
    }

    /**
     * Refuses fewer distinct rows than clusters: commons-math would return the surplus clusters empty, and the
     * caller would get fewer segments than asked for without being told.
     */
    private static void requireDistinctRows(double[][] features, int k) {
        Set<List<Double>> distinct = new HashSet<>();
        for (int i = 0; i < features.length && distinct.size() < k; i++) {
            List<Double> row = new ArrayList<>(features[i].length);
            for (double v : features[i]) {
                row.add(v + 0.0); // -0.0 + 0.0 is 0.0: the same point, which Double.equals would tell apart
            }
            distinct.add(row);
        }
        if (distinct.size() < k) {
            throw new IllegalArgumentException(features.length + " rows with " + distinct.size()
                    + " distinct feature vectors cannot form k = " + k + " clusters");
        }
    }

    /** Inertia and silhouette for each k in {@code kMin..kMax}, with the given base options. */
    public static List<ElbowPoint> elbow(double[][] features, int kMin, int kMax, KMeansOptions options) {
        if (kMin < 1 || kMax < kMin) {
            throw new IllegalArgumentException("k range " + kMin + ".." + kMax + " is invalid");
        }
        List<ElbowPoint> out = new ArrayList<>();
        for (int k = kMin; k <= kMax; k++) {
            Clustering c = fit(features, options.withK(k));
            out.add(new ElbowPoint(k, c.inertia(), c.silhouette()));
        }
        return List.copyOf(out);
    }

    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return s;
    }

    /** Mean silhouette over a seeded sample (or all points when few), distances within the sample. */
    private static double silhouette(List<Point> points, int[] assignment, int k, int sampleSize, long seed) {
        if (k < 2) {
            return Double.NaN;
        }
        int n = points.size();
        int[] sample;
        if (n <= sampleSize) {
            sample = new int[n];
            for (int i = 0; i < n; i++) {
                sample[i] = i;
            }
        } else {
            // partial Fisher-Yates shuffle
            RandomGenerator rng = new Well19937c(seed ^ 0x5DEECE66DL);
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            for (int i = 0; i < sampleSize; i++) {
                int j = i + rng.nextInt(n - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            sample = Arrays.copyOf(all, sampleSize);
        }
        int m = sample.length;
        int[] size = new int[k];
        for (int s : sample) {
            size[assignment[s]]++;
        }
        double total = 0;
        double[] sum = new double[k];
        for (int a = 0; a < m; a++) {
            Arrays.fill(sum, 0);
            double[] pa = points.get(sample[a]).point();
            for (int b = 0; b < m; b++) {
                if (a != b) {
                    sum[assignment[sample[b]]] += Math.sqrt(squaredDistance(pa, points.get(sample[b]).point()));
                }
            }
            int own = assignment[sample[a]];
            if (size[own] <= 1) {
                continue; // silhouette of a singleton is 0 by convention
            }
            double in = sum[own] / (size[own] - 1);
            double out = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && size[c] > 0) {
                    out = Math.min(out, sum[c] / size[c]);
                }
            }
            if (Double.isInfinite(out)) {
                continue;
            }
            total += (out - in) / Math.max(in, out);
        }
        return total / m;
    }
}
