package dev.o2o.attribution;

import dev.o2o.attribution.experiment.Experiments;
import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.attribution.journey.PathCsvReader;
import dev.o2o.attribution.markov.MarkovOptions;
import dev.o2o.core.ChannelRegistry;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The built-in models, journey sets, the reader and the statistics are shared across threads. */
class ConcurrencyTest {

    @Test
    void sharedModelsAndSetsGiveIdenticalResultsAcrossThreads() throws Exception {
        Random r = new Random(2);
        List<Object> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("path,total_conversions,total_conversion_value,total_null\n");
        for (int i = 0; i < 500; i++) {
            int len = 1 + r.nextInt(5);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < len; j++) {
                sb.append(j > 0 ? " > " : "").append("c").append(r.nextInt(8));
            }
            int conv = r.nextInt(3);
            int nul = r.nextInt(4);
            rows.add(sb.toString());
            rows.add(conv);
            rows.add(nul);
            csv.append(sb).append(',').append(conv).append(',').append(10 * conv).append(',').append(nul).append('\n');
        }
        JourneySet set = TestData.paths(rows.toArray());
        List<AttributionModel> models = List.of(AttributionModel.firstTouch(), AttributionModel.lastTouch(),
                AttributionModel.linear(), AttributionModel.positionBased(), AttributionModel.wShaped(),
                AttributionModel.markov(MarkovOptions.defaults().withOrder(2)), AttributionModel.shapleyConversions(),
                AttributionModel.shapleyConversionRate());
        List<AttributionResult> expected = new ArrayList<>();
        for (AttributionModel m : models) {
            expected.add(m.attribute(set));
        }
        PathCsvReader reader = PathCsvReader.defaults();
        ChannelRegistry shared = new ChannelRegistry();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Callable<Boolean> task = () -> {
                    start.await();
                    for (int rep = 0; rep < 5; rep++) {
                        for (int k = 0; k < models.size(); k++) {
                            assertEquals(expected.get(k), models.get(k).attribute(set));
                        }
                        JourneySet read = reader.read(new StringReader(csv.toString()), "csv", shared);
                        assertEquals(set.totalConversions(), read.totalConversions());
                        assertEquals(0.05, Experiments.twoProportionZTest(200, 1000, 250, 1000, 0.95).estimate(), 1e-15);
                    }
                    return true;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            for (Future<Boolean> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(8, shared.size());
    }
}
