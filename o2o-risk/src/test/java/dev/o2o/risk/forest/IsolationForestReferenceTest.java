package dev.o2o.risk.forest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.o2o.core.test.TestStatistics;
import dev.o2o.predict.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against scikit-learn 1.2.1's {@code IsolationForest} (100 trees, 256 samples) on the labelled set
 * that {@code iforest_peer.py} (beside the data in the test resources) wrote: the mean AUC over ten
 * seeds within 0.01 of scikit-learn's mean over ten seeds, the score distribution (mean and
 * quantiles of minus {@code score_samples}) within 0.01, and the per-row scores strongly correlated.
 */
class IsolationForestReferenceTest {

    static final String DIR = "/dev/o2o/risk/forest/";

    static List<String> lines(String name) throws IOException {
        try (InputStream in = IsolationForestReferenceTest.class.getResourceAsStream(DIR + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
        }
    }

    static double[][] features(List<String> rows) {
        return rows.stream().map(l -> {
            String[] f = l.split(",");
            return Arrays.stream(f, 0, f.length - 1).mapToDouble(Double::parseDouble).toArray();
        }).toArray(double[][]::new);
    }

    static double[] labels(List<String> rows) {
        return rows.stream().mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(',') + 1))).toArray();
    }

    static double quantile(double[] sorted, double q) {
        // numpy's default (linear) quantile
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    @Test
    void scoresAndAucMatchScikitLearn() throws IOException {
        List<String> data = lines("iforest_data.csv");
        double[][] x = features(data);
        double[] y = labels(data);
        JsonNode peer;
        try (InputStream in = getClass().getResourceAsStream(DIR + "iforest_sklearn.json")) {
            peer = new ObjectMapper().readTree(in);
        }
        double[] sk = lines("iforest_sklearn.csv").stream().mapToDouble(Double::parseDouble).toArray();
        assertEquals(2000, x.length);

        double aucSum = 0;
        double[] first = null;
        for (int seed = 0; seed < 10; seed++) {
            IsolationForest f = IsolationForest.fit(x, ForestConfig.defaults().withSeed(seed));
            double[] s = f.scoreAll(x);
            aucSum += Metrics.rocAuc(y, s);
            if (seed == 0) {
                first = s;
            }
        }
        double auc = aucSum / 10;
        double skAuc = peer.get("auc_mean").asDouble();
        assertEquals(skAuc, auc, 0.01, "mean AUC over ten seeds: ours " + auc + ", scikit-learn " + skAuc);

        // our score is minus score_samples: compare the mean and the mirrored quantiles
        double mean = Arrays.stream(first).average().orElseThrow();
        assertEquals(-peer.get("score_samples_mean").asDouble(), mean, 0.01);
        double[] sorted = first.clone();
        Arrays.sort(sorted);
        JsonNode qs = peer.get("score_samples_quantiles");
        for (String q : List.of("0.01", "0.1", "0.25", "0.5", "0.75", "0.9", "0.99")) {
            double ours = quantile(sorted, 1 - Double.parseDouble(q));
            assertEquals(-qs.get(q).asDouble(), ours, 0.01, "quantile " + q);
        }
        assertTrue(TestStatistics.pearson(first, Arrays.stream(sk).map(v -> -v).toArray()) > 0.95);
    }
}
