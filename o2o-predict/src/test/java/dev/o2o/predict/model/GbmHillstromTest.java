package dev.o2o.predict.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.o2o.predict.Hillstrom;
import dev.o2o.predict.TestData;
import dev.o2o.predict.data.Encoding;
import dev.o2o.predict.data.FeatureEncoder;
import dev.o2o.predict.data.Frame;
import dev.o2o.predict.data.Matrix;
import dev.o2o.predict.metrics.Metrics;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GbmHillstromTest {

    @Test
    void testAucOnVisitWithinHalfAPointOfXgboost() {
        Frame f = Hillstrom.frame();
        int[] test = IntStream.range(0, f.rows()).filter(i -> i % 10 < 3).toArray();
        int[] train = IntStream.range(0, f.rows()).filter(i -> i % 10 >= 3).toArray();
        FeatureEncoder enc = FeatureEncoder.fit(f.select(train),
                List.of("recency", "history", "mens", "womens", "newbie", "zip_code", "channel"), Encoding.ONE_HOT);
        Matrix x = enc.transform(f.select(train));
        Matrix tx = enc.transform(f.select(test));
        double[] visit = f.numeric("visit");
        double[] y = IntStream.of(train).mapToDouble(i -> visit[i]).toArray();
        double[] ty = IntStream.of(test).mapToDouble(i -> visit[i]).toArray();
        for (JsonNode run : TestData.reference("gbm_hillstrom.json").get("runs")) {
            JsonNode p = run.get("params");
            GbmModel m = GbmModel.fit(x, y, GbmConfig.builder().trees(p.get("rounds").asInt())
                    .maxDepth(p.get("max_depth").asInt()).learningRate(p.get("eta").asDouble())
                    .l2(p.get("lambda").asDouble()).minChildWeight(p.get("min_child_weight").asDouble())
                    .maxBins(p.get("max_bin").asInt()).build());
            double auc = Metrics.rocAuc(ty, m.predict(tx));
            assertEquals(run.get("testAuc").asDouble(), auc, 0.005, p.toString());
        }
    }
}
