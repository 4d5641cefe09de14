package dev.o2o.benchmarks.segmentation;

import dev.o2o.segmentation.rfm.RfmScores;
import dev.o2o.segmentation.rfm.RfmScoring;
import dev.o2o.segmentation.rfm.RfmTable;
import dev.o2o.segmentation.rfm.SegmentMap;
import dev.o2o.segmentation.rfm.Segmentation;
import dev.o2o.segmentation.rfm.TiePolicy;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scores and segments (standard 11-segment map) 10,000,000 synthetic customers on one thread:
 * recency in whole days (0..729), frequency geometric-like counts (many ties), monetary
 * log-normal with cents. Target: under 1.5 s.
 *
 * <p>{@code buildScoreAndSegment} also builds the table from the caller's columns (as
 * {@code o2o rfm} does from its per-customer aggregates) with
 * {@link RfmTable#of(int, java.util.function.IntToDoubleFunction, java.util.function.IntToDoubleFunction,
 * java.util.function.IntToDoubleFunction)}: the one copy into the table's columns is part of the
 * figure; {@code copyScoreAndSegment} does the same through {@link RfmTable#of(double[], double[], double[])}.
 * The pandas peer of the same work is {@code benchmarks/peers/rfm_pandas.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
public class RfmBenchmark {

    @Param({"10000000"})
    int customers;

    @Param({"SAME_BIN", "FIRST_COME"})
    TiePolicy ties;

    private RfmTable table;
    private double[] r;
    private double[] f;
    private double[] m;
    private RfmScoring scoring;
    private final SegmentMap map = SegmentMap.standard();

    @Setup
    public void generate() {
        SplittableRandom rnd = new SplittableRandom(20261123L);
        r = new double[customers];
        f = new double[customers];
        m = new double[customers];
        for (int i = 0; i < customers; i++) {
            r[i] = rnd.nextInt(730);
            f[i] = 1 + Math.floor(-Math.log(1 - rnd.nextDouble()) * 3);
            m[i] = Math.round(Math.exp(3 + rnd.nextDouble() * 3) * 100) / 100.0;
        }
        table = RfmTable.of(r, f, m);
        scoring = RfmScoring.defaults().withTies(ties);
    }

    @Benchmark
    public Segmentation scoreAndSegment() {
        RfmScores s = scoring.score(table);
        return map.segment(s);
    }

    @Benchmark
    public Segmentation buildScoreAndSegment() {
        RfmTable t = RfmTable.of(customers, i -> r[i], i -> f[i], i -> m[i]);
        return map.segment(scoring.score(t));
    }

    @Benchmark
    public Segmentation copyScoreAndSegment() {
        return map.segment(scoring.score(RfmTable.of(r, f, m)));
    }
}
