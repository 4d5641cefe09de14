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
 * GBM training on 1,000,000 rows × 50 features, 100 trees of depth 6 (learning rate 0.1, 256
 * bins, two threads), in a 2 GiB heap. Target: at most twice XGBoost 1.7.4's time
 * ({@code nthread=2, tree_method=hist}, benchmarks/predict_xgboost.py) on the same machine.
 * One training per measurement (single shot).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xms2g"})
public class GbmTrainBenchmark {

    private SyntheticData data;

    @Setup
    public void generate() {
        data = new SyntheticData(1_000_000, 50, 1);
    }

    @Benchmark
    public GbmModel train() {
        return GbmModel.fit(data.x, data.y, GbmConfig.builder().trees(100).maxDepth(6).learningRate(0.1).threads(2).build());
    }
}
