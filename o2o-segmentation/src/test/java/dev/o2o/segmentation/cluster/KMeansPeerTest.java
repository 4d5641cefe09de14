package dev.o2o.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * k-means against scikit-learn 1.2.1 (StandardScaler, k-means++ with 50 restarts) on 600 customers:
 * the same partition, inertia and silhouette score. File and script in src/test/resources/cluster.
 */
class KMeansPeerTest {

    static List<String> lines(String name) throws IOException {
        InputStream in = KMeansPeerTest.class.getResourceAsStream("/cluster/" + name);
        assertTrue(in != null, "missing test resource cluster/" + name);
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void samePartitionInertiaAndSilhouetteAsScikitLearn() throws IOException {
        List<String> input = lines("kmeans-input.csv");
        double[][] x = new double[input.size()][];
        for (int i = 0; i < x.length; i++) {
            String[] f = input.get(i).split(",");
            x[i] = new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        }
        List<String> expected = lines("kmeans-sklearn.csv");
        assertEquals(2, expected.size());
        for (String row : expected) {
            String[] f = row.split(",");
            int k = Integer.parseInt(f[0]);
            String[] labels = f[3].split(" ");
            assertEquals(x.length, labels.length);
            Clustering ours = KMeans.fit(x, new KMeansOptions(k, 10, 300, 7, x.length));
            assertEquals(Double.parseDouble(f[1]), ours.inertia(), 1e-9 * Double.parseDouble(f[1]), "inertia, k=" + k);
            assertEquals(Double.parseDouble(f[2]), ours.silhouette(), 1e-12, "silhouette, k=" + k);
            // the same partition up to the names of the clusters
            int[] map = new int[k];
            java.util.Arrays.fill(map, -1);
            for (int i = 0; i < x.length; i++) {
                int theirs = Integer.parseInt(labels[i]);
                if (map[theirs] < 0) {
                    map[theirs] = ours.cluster(i);
                }
                assertEquals(map[theirs], ours.cluster(i), "customer " + i + ", k=" + k);
            }
            assertEquals(k, java.util.Arrays.stream(map).distinct().count(), "k=" + k);
        }
    }
}
