package dev.o2o.benchmarks.campaign;

import dev.o2o.campaign.CampaignEngine;
import dev.o2o.campaign.CampaignStore;
import dev.o2o.campaign.Decisions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One location ping evaluated against 100 active triggers with caps (see
 * {@link Workloads#hundredTriggers}) on the in-memory store: de-duplication, the 10 matching
 * location offers (locator query, audience, holdout, quiet hours, cool-down, frequency cap, daily
 * limit, budget) and the decision record. Target: under 5 µs per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class TriggerEvaluationBenchmark {

    CampaignEngine engine;
    Workloads.Pings pings;

    @Setup
    public void setUp() {
        engine = Workloads.hundredTriggers(CampaignStore.inMemory());
        pings = new Workloads.Pings(10_000, 4_096, 2, "e");
    }

    @Benchmark
    public Decisions oneEventHundredTriggers() {
        return engine.evaluate(pings.next());
    }
}
