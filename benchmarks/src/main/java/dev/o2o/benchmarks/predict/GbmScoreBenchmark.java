package dev.o2o.benchmarks.predict;

import dev.o2o.predict.model.GbmConfig;
import dev.o2o.predict.model.GbmModel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scoring with 100 trees of depth 6 (trained in setup on 200,000 rows × 50 features): one row
 * (target under 2 µs) and 1,000,000 rows (target under 0.5 s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class GbmScoreBenchmark {

    private GbmModel model;
    private SyntheticData batch;
    private double[][] rows;
    private int next;

    @Setup
    public void train() {
        SyntheticData train = new SyntheticData(200_000, 50, 1);
        model = GbmModel.fit(train.x, train.y, GbmConfig.builder().trees(100).maxDepth(6).learningRate(0.1).build());
        batch = new SyntheticData(1_000_000, 50, 2);
        rows = new double[1024][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = batch.x.row(i);
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double oneRow() {
        next = (next + 1) & 1023;
        return model.predict(rows[next]);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double[] millionRows() {
        return model.predict(batch.x);
    }
}
