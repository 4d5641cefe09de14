package dev.o2o.benchmarks.segmentation;

import dev.o2o.segmentation.clv.BgNbd;
import dev.o2o.segmentation.clv.CalibrationData;
import dev.o2o.segmentation.clv.GammaGamma;
import dev.o2o.segmentation.clv.MbgNbd;
import dev.o2o.segmentation.clv.ModelFit;
import dev.o2o.segmentation.clv.ParetoNbd;
import java.io.IOException;
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
 * Maximum-likelihood fits (standard errors included) on the 2,357-customer CDNOW summary, read
 * from {@code shared/data/cdnow} found by walking up from the working directory. Targets:
 * BG/NBD under 15 ms, Pareto/NBD under 60 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ClvFitBenchmark {

    private CalibrationData cdnow;

    @Setup
    public void load() throws IOException {
        Path dir = Paths.get("").toAbsolutePath();
        Path file = null;
        while (dir != null && file == null) {
            Path c = dir.resolve("shared/data/cdnow/cdnow_customers_summary.csv");
            file = Files.isRegularFile(c) ? c : null;
            dir = dir.getParent();
        }
        if (file == null) {
            throw new IllegalStateException("shared/data/cdnow/cdnow_customers_summary.csv not found above "
                    + Paths.get("").toAbsolutePath());
        }
        List<String> lines = Files.readAllLines(file);
        int n = lines.size() - 1;
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            String[] p = lines.get(i + 1).split(",");
            x[i] = Integer.parseInt(p[1]);
            tx[i] = Double.parseDouble(p[2]);
            t[i] = Double.parseDouble(p[3]);
        }
        cdnow = CalibrationData.of(x, tx, t);
    }

    @Benchmark
    public ModelFit<BgNbd> bgNbd() {
        return BgNbd.fit(cdnow);
    }

    @Benchmark
    public ModelFit<MbgNbd> mbgNbd() {
        return MbgNbd.fit(cdnow);
    }

    @Benchmark
    public ModelFit<ParetoNbd> paretoNbd() {
        return ParetoNbd.fit(cdnow);
    }
}
