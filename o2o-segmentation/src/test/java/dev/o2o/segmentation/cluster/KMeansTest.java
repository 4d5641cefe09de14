package dev.o2o.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.segmentation.rfm.RfmTable;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KMeansTest {

    /** Three blobs in very different units: days, counts, money. */
    static double[][] blobs(int perBlob, long seed) {
        Random rnd = new Random(seed);
        double[][] centres = {{10, 20, 2000}, {200, 2, 100}, {400, 1, 30}};
        double[][] rows = new double[3 * perBlob][];
        for (int i = 0; i < rows.length; i++) {
            double[] c = centres[i / perBlob];
            rows[i] = new double[] {c[0] + rnd.nextGaussian() * 10, c[1] + rnd.nextGaussian() * 0.3,
                    c[2] + rnd.nextGaussian() * 20};
        }
        return rows;
    }

    @Test
    void recoversSeparatedClusters() {
        double[][] rows = blobs(300, 1);
        Clustering c = KMeans.fit(rows, KMeansOptions.of(3, 42));
        for (int b = 0; b < 3; b++) {
            Set<Integer> labels = new HashSet<>();
            for (int i = b * 300; i < (b + 1) * 300; i++) {
                labels.add(c.cluster(i));
            }
            assertEquals(1, labels.size(), "blob " + b + " split over " + labels);
        }
        assertArrayEquals(new int[] {300, 300, 300}, c.sizes());
        assertTrue(c.silhouette() > 0.8, "silhouette " + c.silhouette());
        // centroids come back in original units
        double[] centre = c.centroid(c.cluster(0));
        assertEquals(10, centre[0], 2);
        assertEquals(2000, centre[2], 5);
    }

    @Test
    void sameSeedSameResult() {
        double[][] rows = blobs(200, 2);
        Clustering a = KMeans.fit(rows, KMeansOptions.of(4, 7));
        Clustering b = KMeans.fit(rows, KMeansOptions.of(4, 7));
        assertArrayEquals(a.assignments(), b.assignments());
        assertEquals(a.inertia(), b.inertia(), 0);
    }

    @Test
    void elbowShowsTheKnee() {
        List<ElbowPoint> elbow = KMeans.elbow(blobs(150, 3), 1, 5, KMeansOptions.of(1, 5));
        assertEquals(5, elbow.size());
        assertTrue(Double.isNaN(elbow.get(0).silhouette()));
        for (int i = 1; i < elbow.size(); i++) {
            assertTrue(elbow.get(i).inertia() <= elbow.get(i - 1).inertia() + 1e-9);
        }
        // the big drop ends at k = 3, and k = 3 has the best silhouette
        assertTrue(elbow.get(2).inertia() < 0.05 * elbow.get(0).inertia());
        assertTrue(elbow.get(3).inertia() > 0.5 * elbow.get(2).inertia());
        for (ElbowPoint p : elbow.subList(1, 5)) {
            assertTrue(elbow.get(2).silhouette() >= p.silhouette() - 1e-12);
        }
        // 1 cluster: inertia = n * d for standardized data (each column has variance 1)
        assertEquals(450 * 3, elbow.get(0).inertia(), 1e-6);
    }

    @Test
    void scalingAndValidation() {
        FeatureScaling s = FeatureScaling.fit(new double[][] {{1, 5}, {3, 5}});
        assertArrayEquals(new double[] {-1, 0}, s.apply(new double[] {1, 5}), 1e-12);
        assertArrayEquals(new double[] {3, 5}, s.invert(new double[] {1, 0}), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeans.fit(new double[][] {{1, 2}, {1}}, KMeansOptions.of(1, 1)));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> KMeans.fit(new double[][] {{1, Double.NaN}}, KMeansOptions.of(1, 1)));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KMeans.fit(new double[][] {{1}}, KMeansOptions.of(2, 1)));
        assertThrows(IllegalArgumentException.class, () -> KMeansOptions.of(0, 1));
    }

    @Test
    void fewerDistinctRowsThanClustersIsAnErrorNotAnEmptyCluster() {
        // four customers but only two distinct feature rows cannot make three clusters
        double[][] rows = {{1, 2}, {1, 2}, {3, 2}, {3, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeans.fit(rows, KMeansOptions.of(3, 1)));
        assertTrue(e.getMessage().contains("k = 3") && e.getMessage().contains("2 distinct"), e.getMessage());
        double[][] same = {{1, -0.0}, {1, 0.0}, {1, 0.0}};
        e = assertThrows(IllegalArgumentException.class, () -> KMeans.fit(same, KMeansOptions.of(2, 1)));
        assertTrue(e.getMessage().contains("1 distinct"), e.getMessage());
        assertArrayEquals(new int[] {2, 2}, sortedSizes(KMeans.fit(rows, KMeansOptions.of(2, 1))));
    }

    private static int[] sortedSizes(Clustering c) {
        int[] s = c.sizes();
        java.util.Arrays.sort(s);
        return s;
    }

    @Test
    void clustersRfmTables() {
        double[][] rows = blobs(100, 4);
        double[] r = new double[300];
        double[] f = new double[300];
        double[] m = new double[300];
        for (int i = 0; i < 300; i++) {
            r[i] = Math.abs(rows[i][0]);
            f[i] = Math.abs(rows[i][1]);
            m[i] = rows[i][2];
        }
        Clustering c = KMeans.fit(KMeans.rfmFeatures(RfmTable.of(r, f, m)), KMeansOptions.of(3, 9));
        assertArrayEquals(new int[] {100, 100, 100}, c.sizes());
    }
}
