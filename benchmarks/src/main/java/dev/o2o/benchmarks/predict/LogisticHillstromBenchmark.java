package dev.o2o.benchmarks.predict;

import dev.o2o.predict.data.Encoding;
import dev.o2o.predict.data.FeatureEncoder;
import dev.o2o.predict.data.Frame;
import dev.o2o.predict.data.FrameCsv;
import dev.o2o.predict.data.Matrix;
import dev.o2o.predict.data.Schema;
import dev.o2o.predict.model.Learner;
import dev.o2o.predict.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * L2 logistic regression (l2 = 1, IRLS with standard errors) of {@code visit} on the 64,000
 * Hillstrom rows, 11 features (numeric and one-hot zip code and channel), read from
 * {@code shared/data/uplift/hillstrom.csv} found above the working directory. Target: under 0.5 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LogisticHillstromBenchmark {

    private Matrix x;
    private double[] y;

    @Setup
    public void load() {
        Path dir = Paths.get("").toAbsolutePath();
        Path file = null;
        while (dir != null && file == null) {
            Path c = dir.resolve("shared/data/uplift/hillstrom.csv");
            file = Files.isRegularFile(c) ? c : null;
            dir = dir.getParent();
        }
        if (file == null) {
            throw new IllegalStateException("shared/data/uplift/hillstrom.csv not found above " + Paths.get("").toAbsolutePath());
        }
        Frame f = FrameCsv.read(file, Schema.builder().numeric("recency", "history", "mens", "womens", "newbie", "visit")
                .categorical("zip_code", "channel").build());
        x = FeatureEncoder.fit(f, List.of("recency", "history", "mens", "womens", "newbie", "zip_code", "channel"),
                Encoding.ONE_HOT).transform(f);
        y = f.numeric("visit");
    }

    @Benchmark
    public Model fit() {
        return Learner.logistic(1.0).fit(x, y);
    }
}
