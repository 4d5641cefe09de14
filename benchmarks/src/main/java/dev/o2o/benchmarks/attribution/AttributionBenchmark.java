package dev.o2o.benchmarks.attribution;

import dev.o2o.attribution.AttributionModel;
import dev.o2o.attribution.AttributionResult;
import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.attribution.journey.PathCsvReader;
import dev.o2o.attribution.markov.MarkovOptions;
import dev.o2o.core.ChannelRegistry;
import dev.o2o.testkit.data.SyntheticJourneys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Attribution on 1,000,000 seeded journeys over 20 channels (mean length 3). Targets (issue 5): order-1 Markov
 * &lt; 0.2 s and order-3 &lt; 0.6 s after interning, exact conversion-rate Shapley over 20 channels &lt; 0.5 s, all
 * rule-based models together &lt; 0.2 s, reading and interning the 1,000,000-row path file &lt; 1 s.
 * Single-threaded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AttributionBenchmark {

    /** Distinct channels on the one path line of {@link #readWideChannels()} (issue 14 item 6: 137 s before). */
    static final int WIDE_CHANNELS = 40_000;

    private JourneySet journeys;
    private JourneySet timed;
    private Path csv;
    private Path wideCsv;
    private List<AttributionModel> ruleBased;

    @Setup
    public void setup() throws IOException {
        SyntheticJourneys g = SyntheticJourneys.generate(1_000_000, 20, 2026L);
        journeys = journeySet(g, false);
        timed = journeySet(g, true);
        csv = Files.createTempFile("o2o-paths-", ".csv");
        g.writePathCsv(csv);
        wideCsv = Files.createTempFile("o2o-wide-paths-", ".csv");
        StringBuilder wide = new StringBuilder(String.join(",", PathCsvReader.HEADER)).append('\n');
        for (int i = 0; i < WIDE_CHANNELS; i++) {
            wide.append(i > 0 ? " > " : "").append('c').append(i);
        }
        Files.writeString(wideCsv, wide.append(",1,2,0\n"));
        ruleBased = List.of(AttributionModel.firstTouch(), AttributionModel.lastTouch(),
                AttributionModel.lastNonDirectTouch(), AttributionModel.linear(), AttributionModel.timeDecay(),
                AttributionModel.positionBased(), AttributionModel.wShaped(),
                AttributionModel.positionWeights((p, n) -> 1 + p));
    }

    /** The journeys interned and aggregated, with touch ages (almost no aggregation) or without. */
    static JourneySet journeySet(SyntheticJourneys g, boolean withAges) {
        JourneySet.Builder b = JourneySet.builder(new ChannelRegistry());
        for (String id : g.channelIds()) {
            b.intern(id);
        }
        for (int j = 0; j < g.size(); j++) {
            double conversions = g.converted(j) ? 1 : 0;
            if (withAges) {
                b.add(g.path(j), g.ageDays(j), conversions, g.value(j), 1 - conversions);
            } else {
                b.add(g.path(j), conversions, g.value(j), 1 - conversions);
            }
        }
        return b.build();
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(csv);
        Files.deleteIfExists(wideCsv);
    }

    @Benchmark
    public AttributionResult markovOrder1() {
        return AttributionModel.markov(MarkovOptions.defaults()).attribute(journeys);
    }

    @Benchmark
    public AttributionResult markovOrder3() {
        return AttributionModel.markov(MarkovOptions.defaults().withOrder(3)).attribute(journeys);
    }

    @Benchmark
    public AttributionResult shapleyRateExact20() {
        return AttributionModel.shapleyConversionRate(1, 2).attribute(journeys);
    }

    /** All eight rule-based models on the timed journey set (1,000,000 rows, hardly aggregated). */
    @Benchmark
    public void ruleBasedAll(Blackhole bh) {
        for (AttributionModel m : ruleBased) {
            bh.consume(m.attribute(timed));
        }
    }

    @Benchmark
    public JourneySet readAndIntern() {
        return PathCsvReader.defaults().read(csv, new ChannelRegistry());
    }

    /** One path line of 40,000 distinct channels: registration must be amortised O(1), not a copy per channel. */
    @Benchmark
    public JourneySet readWideChannels() {
        return PathCsvReader.defaults().read(wideCsv, new ChannelRegistry());
    }
}
