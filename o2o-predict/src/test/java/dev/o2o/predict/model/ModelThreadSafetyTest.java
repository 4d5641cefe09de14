package dev.o2o.predict.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.o2o.predict.data.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The fitted models are documented as thread-safe: eight threads scoring at once get the single-threaded answer. */
class ModelThreadSafetyTest {

    @Test
    void concurrentScoringEqualsSequential() throws Exception {
        double[] y = new double[5000];
        Matrix x = GbmTest.data(5000, 9, y);
        Matrix complete = Matrix.of(List.of("a", "e"), new double[][] {x.column(0), x.column(4)});
        List<Model> models = List.of(GbmModel.fit(x, y, GbmConfig.builder().trees(20).build()),
                Learner.logistic(1).fit(complete, y));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Model m : models) {
                Matrix in = m instanceof GbmModel ? x : complete;
                double[] expected = new double[in.rows()];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = m.predict(in.row(i));
                }
                List<Future<double[]>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> {
                        double[] out = new double[in.rows()];
                        for (int i = 0; i < out.length; i++) {
                            out[i] = m.predict(in.row(i));
                        }
                        return out;
                    }));
                    results.add(pool.submit(() -> m.predict(in)));
                }
                for (Future<double[]> f : results) {
                    assertArrayEquals(expected, f.get());
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
