package dev.o2o.attribution.markov;

import dev.o2o.attribution.AttributionResult;
import dev.o2o.attribution.TestData;
import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.attribution.journey.PathCsvReader;
import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.test.ReferenceData;
import dev.o2o.testkit.data.SyntheticJourneys;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransitionCountsTest {

    /** 5,000 seeded paths over 8 channels with repeats and cycles; values are multiples of 1/2 (exact sums). */
    static JourneySet synthetic() {
        Random r = new Random(20261201L);
        JourneySet.Builder b = JourneySet.builder();
        String[] ch = {"search", "display", "email", "social", "tv", "store", "app", "affiliate"};
        for (int i = 0; i < 5000; i++) {
            int len = 1 + r.nextInt(7);
            List<String> p = new ArrayList<>();
            for (int j = 0; j < len; j++) {
                p.add(ch[Math.min(ch.length - 1, (int) Math.abs(r.nextGaussian() * 3))]);
            }
            double conv = r.nextInt(10) < 2 ? 1 + r.nextInt(3) : 0;
            b.add(p, conv, conv * 12.5, r.nextInt(4));
        }
        return b.build();
    }

    /** The rows {@code from..to} of {@code set} as a new set interning into {@code registry}. */
    static JourneySet slice(JourneySet set, int from, int to, ChannelRegistry registry) {
        JourneySet.Builder b = JourneySet.builder(registry);
        for (int i = from; i < to; i++) {
            List<String> ids = new ArrayList<>();
            for (int j = 0; j < set.length(i); j++) {
                ids.add(set.channelId(set.channel(i, j)));
            }
            b.add(ids, set.conversions(i), set.value(i), set.nulls(i));
        }
        return b.build();
    }

    @Test
    void twoHalvesMergedEqualTheWholeForEveryOption() {
        JourneySet whole = synthetic();
        // the second half interns into its own registry, in another channel order: counts compare by channel id
        JourneySet first = slice(whole, 0, 2500, new ChannelRegistry());
        JourneySet second = slice(whole, 2500, whole.size(), new ChannelRegistry());
        assertNotEquals(first.registry().channels(), second.registry().channels());
        for (int order = 1; order <= 4; order++) {
            for (boolean merge : new boolean[] {false, true}) {
                for (boolean nonConverting : new boolean[] {false, true}) {
                    MarkovOptions o = new MarkovOptions(order, merge, nonConverting);
                    TransitionCounts all = TransitionCounts.of(whole, o);
                    TransitionCounts merged = TransitionCounts.of(first, o).merge(TransitionCounts.of(second, o));
                    assertEquals(all, merged, o.toString());
                    assertEquals(all.hashCode(), merged.hashCode());
                    assertEquals(all.windowCount(), merged.windowCount());
                    assertEquals(all.totalConversions(), merged.totalConversions());
                    assertEquals(all.totalValue(), merged.totalValue());
                    // and so the fitted chains agree (the canonical numbering makes them independent of order)
                    MarkovChain a = MarkovChain.fit(all);
                    MarkovChain m = MarkovChain.fit(merged);
                    assertEquals(a.conversionProbability(), m.conversionProbability(), 1e-15);
                    for (String id : all.channels()) {
                        assertEquals(a.removalEffect(id), m.removalEffect(id), 1e-14, id + " " + o);
                    }
                }
            }
        }
    }

    /** The benchmarks' generator (20 channels, long paths) read from path CSV files, split in two. */
    @Test
    void pathFilesOfTwoHalvesMergeIntoTheWholeFile() throws IOException {
        SyntheticJourneys g = SyntheticJourneys.generate(20_000, 20, 2026L);
        Path dir = Files.createTempDirectory("o2o-halves");
        Path file = dir.resolve("all.csv");
        g.writePathCsv(file);
        List<String> lines = Files.readAllLines(file);
        Files.write(dir.resolve("first.csv"), lines.subList(0, 9_001));
        List<String> second = new ArrayList<>(List.of(lines.get(0)));
        second.addAll(lines.subList(9_001, lines.size()));
        Files.write(dir.resolve("second.csv"), second);
        for (MarkovOptions o : List.of(MarkovOptions.defaults(), MarkovOptions.defaults().withOrder(3),
                new MarkovOptions(2, true, false))) {
            TransitionCounts all = TransitionCounts.of(PathCsvReader.defaults().read(file, new ChannelRegistry()), o);
            TransitionCounts merged = TransitionCounts.of(
                    PathCsvReader.defaults().read(dir.resolve("first.csv"), new ChannelRegistry()), o)
                    .merge(TransitionCounts.of(
                            PathCsvReader.defaults().read(dir.resolve("second.csv"), new ChannelRegistry()), o));
            // conversions and non-conversions are whole numbers: the merged weights are exact
            assertEquals(all.channels().size(), merged.channels().size());
            assertEquals(all.windowCount(), merged.windowCount());
            assertEquals(all.totalConversions(), merged.totalConversions());
            assertEquals(all.totalValue(), merged.totalValue(), 1e-6);
            MarkovChain a = MarkovChain.fit(all);
            MarkovChain m = MarkovChain.fit(merged);
            for (String id : all.channels()) {
                assertEquals(a.removalEffect(id), m.removalEffect(id), 1e-12, id + " " + o);
            }
        }
    }

    @Test
    void countsDifferWhenTheDataDiffers() {
        MarkovOptions o = MarkovOptions.defaults();
        TransitionCounts a = TransitionCounts.of(TestData.paths("a > b", 1, 0), o);
        assertNotEquals(a, TransitionCounts.of(TestData.paths("a > b", 2, 0), o));
        assertNotEquals(a, TransitionCounts.of(TestData.paths("b > a", 1, 0), o));
        assertNotEquals(a, TransitionCounts.of(TestData.paths("a > b", 1, 0), o.withOrder(2)));
        assertEquals(a, TransitionCounts.of(TestData.paths("a > b", 1, 0), o));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.merge(TransitionCounts.of(TestData.paths("a", 1, 0), o.withOrder(2))));
        assertTrue(e.getMessage().contains("cannot merge"), e.getMessage());
        assertEquals(List.of("a", "b"), a.channels());
        assertEquals(2, a.windowCount());
    }

    @Test
    void chainKeepsNoJourneysAndAdaptsIntoAResult() {
        JourneySet set = TestData.paths("A > B > C", 1, 0, "A > C", 0, 1, "B > C", 1, 0, "A > B", 0, 1);
        MarkovChain chain = MarkovChain.fit(TransitionCounts.of(set, MarkovOptions.defaults()));
        assertEquals(Map.of("A", 7.0 / 9, "B", 2.0 / 3, "C", 1.0).keySet(), chain.removalEffects().keySet());
        assertEquals(7.0 / 9, chain.removalEffects().get("A"), 1e-12);
        AttributionResult r = AttributionResult.fromMarkov(chain);
        assertEquals(14.0 / 22, r.conversions("A"), 1e-12);
        assertEquals(20.0, r.creditedValue(), 1e-12);
        assertTrue(chain.errorBound() < 1e-14, "bound " + chain.errorBound());
    }

    /** Removal effects of the split code equal those of the code before the split (issue 13: within 1e-12). */
    @Test
    void removalEffectsUnchangedSinceTheSplit() throws IOException {
        JourneySet synthetic = synthetic();
        Path file = ReferenceData.find("attribution/PathData.csv").orElse(null);
        JourneySet pathData = file == null ? null : PathCsvReader.defaults().read(file, new ChannelRegistry());
        int checked = 0;
        var in = getClass().getResourceAsStream("/markov/removal-effects-before-split.csv");
        assertNotNull(in);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String key = null;
            MarkovChain chain = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                JourneySet set = f[0].equals("synthetic") ? synthetic : pathData;
                if (set == null) {
                    continue;
                }
                String k = f[0] + f[1] + f[2] + f[3];
                if (!k.equals(key)) {
                    key = k;
                    chain = MarkovChain.fit(set, new MarkovOptions(Integer.parseInt(f[1]), Boolean.parseBoolean(f[2]),
                            Boolean.parseBoolean(f[3])));
                    assertTrue(chain.errorBound() < 1e-13, line + ": bound " + chain.errorBound());
                }
                double expected = Double.parseDouble(f[5]);
                double actual = f[4].equals("(p)") ? chain.conversionProbability() : chain.removalEffect(f[4]);
                assertEquals(expected, actual, 1e-12, line);
                checked++;
            }
        }
        assertTrue(checked >= 144, "checked " + checked);
        Assumptions.assumeTrue(pathData != null, "shared/data/attribution/PathData.csv absent: checked the synthetic"
                + " set only");
        assertEquals(352, checked);
    }

    @Test
    void countsOfAFileAreMergeableAcrossFiles() throws IOException {
        Path dir = Files.createTempDirectory("o2o-counts");
        String h = String.join(",", PathCsvReader.HEADER) + "\n";
        Files.writeString(dir.resolve("a.csv"), h + "x > y,1,2,3\ny,0,0,4\n");
        Files.writeString(dir.resolve("b.csv"), h + "y > x,2,4,1\nx > y,1,2,0\n");
        Files.writeString(dir.resolve("all.csv"), h + "x > y,1,2,3\ny,0,0,4\ny > x,2,4,1\nx > y,1,2,0\n");
        MarkovOptions o = MarkovOptions.defaults();
        TransitionCounts a = TransitionCounts.of(PathCsvReader.defaults().read(dir.resolve("a.csv"), new ChannelRegistry()), o);
        TransitionCounts b = TransitionCounts.of(PathCsvReader.defaults().read(dir.resolve("b.csv"), new ChannelRegistry()), o);
        TransitionCounts all = TransitionCounts.of(
                PathCsvReader.defaults().read(dir.resolve("all.csv"), new ChannelRegistry()), o);
        assertEquals(all, a.merge(b));
        assertEquals(all, b.merge(a));
    }
}
