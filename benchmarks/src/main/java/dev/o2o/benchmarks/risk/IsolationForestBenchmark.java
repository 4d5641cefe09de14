package dev.o2o.benchmarks.risk;

import dev.o2o.risk.forest.ForestConfig;
import dev.o2o.risk.forest.IsolationForest;
import java.util.SplittableRandom;
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
 * Isolation forest, 100 trees × 256 samples: fit and score 1,000,000 rows × 10 features (99 %
 * standard normal, 1 % from a normal four times wider; seeded). Target under 5 s and no slower than
 * scikit-learn's {@code IsolationForest(n_jobs=2)} on the same shape
 * ({@code benchmarks/peers/iforest_sklearn.py}, run in the same session).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class IsolationForestBenchmark {

    private double[][] rows;

    @Setup
    public void data() {
        SplittableRandom r = new SplittableRandom(7);
        rows = new double[1_000_000][10];
        for (double[] row : rows) {
            double scale = r.nextInt(100) == 0 ? 4 : 1;
            for (int j = 0; j < row.length; j++) {
                row[j] = scale * r.nextGaussian();
            }
        }
    }

    @Benchmark
    public double[] fitAndScore() {
        return IsolationForest.fit(rows, new ForestConfig(100, 256, false, 1)).scoreAll(rows);
    }
}
