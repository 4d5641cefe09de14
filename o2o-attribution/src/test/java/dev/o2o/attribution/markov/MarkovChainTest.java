package dev.o2o.attribution.markov;

import dev.o2o.attribution.AttributionModel;
import dev.o2o.attribution.AttributionResult;
import dev.o2o.attribution.ChannelCredit;
import dev.o2o.attribution.TestData;
import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.attribution.journey.PathCsvReader;
import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.test.ReferenceData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkovChainTest {

    private static final double EPS = 1e-12;

    @Test
    void firstHandCheckedCase() {
        JourneySet set = TestData.paths("c1 > c2 > c3", 1, 0, "c1", 0, 1, "c2 > c3", 0, 1);
        MarkovChain chain = MarkovChain.fit(set, MarkovOptions.defaults());
        assertEquals(1.0 / 3, chain.conversionProbability(), EPS);
        assertEquals(0.5, chain.removalEffect("c1"), EPS);
        assertEquals(1.0, chain.removalEffect("c2"), EPS);
        assertEquals(1.0, chain.removalEffect("c3"), EPS);
        AttributionResult r = AttributionResult.fromMarkov(chain);
        assertEquals(0.2, r.conversions("c1"), EPS);
        assertEquals(0.4, r.conversions("c2"), EPS);
        assertEquals(0.4, r.conversions("c3"), EPS);
        assertEquals(2.0, r.value("c1"), 1e-11);
        assertEquals(0.5, r.credit("c1").orElseThrow().removalEffect().getAsDouble(), EPS);
    }

    @Test
    void longJourneysOfEveryLengthSolve() {
        // regression: a journey of exactly 16 touches overflowed the state buffer
        for (int order = 1; order <= 4; order++) {
            for (int len = 1; len <= 40; len++) {
                StringBuilder path = new StringBuilder("c0");
                for (int j = 1; j < len; j++) {
                    path.append(" > c").append(j);
                }
                JourneySet set = TestData.paths(path.toString(), 1, 0);
                AttributionResult r = AttributionModel.markov(MarkovOptions.defaults().withOrder(order)).attribute(set);
                for (int j = 0; j < len; j++) {
                    assertEquals(1.0 / len, r.conversions("c" + j), EPS, "order " + order + ", length " + len);
                }
            }
        }
    }

    @Test
    void secondHandCheckedCase() {
        JourneySet set = TestData.paths("A > B > C", 1, 0, "A > C", 0, 1, "B > C", 1, 0, "A > B", 0, 1);
        MarkovChain chain = MarkovChain.fit(set, MarkovOptions.defaults());
        assertEquals(7.0 / 9, chain.removalEffect("A"), EPS);
        assertEquals(2.0 / 3, chain.removalEffect("B"), EPS);
        assertEquals(1.0, chain.removalEffect("C"), EPS);
        AttributionResult r = AttributionModel.markov().attribute(set);
        assertEquals(14.0 / 22, r.conversions("A"), EPS);
        assertEquals(12.0 / 22, r.conversions("B"), EPS);
        assertEquals(18.0 / 22, r.conversions("C"), EPS);
        assertEquals(2.0, r.creditedConversions(), EPS);
    }

    @Test
    void repeatMergingCase() {
        JourneySet set = TestData.paths("A > A > B", 1, 0, "B > B", 1, 0, "A", 0, 1);
        MarkovChain merged = MarkovChain.fit(set, MarkovOptions.defaults().withMergeRepeats(true));
        assertEquals(0.5, merged.removalEffect("A"), EPS);
        assertEquals(1.0, merged.removalEffect("B"), EPS);
        assertEquals(2.0 / 3, merged.conversionProbability(), EPS);
        // merged: A -> B and A -> null once each, no self loops
        TransitionMatrix m = merged.transitionMatrix();
        assertEquals(0.5, m.probability("A", "B"), EPS);
        assertEquals(0.0, m.probability("A", "A"), EPS);
        assertEquals(1.0, m.probability("B", TransitionMatrix.CONVERSION), EPS);
        assertEquals(2.0 / 3, m.probability(TransitionMatrix.START, "A"), EPS);
        // unmerged keeps self loops, which the solver handles exactly
        MarkovChain plain = MarkovChain.fit(set, MarkovOptions.defaults());
        assertEquals(1.0 / 3, plain.transitionMatrix().probability("A", "A"), EPS);
        assertEquals(1.0 / 3, plain.transitionMatrix().probability("B", "B"), EPS);
        assertEquals(0.5, plain.removalEffect("A"), EPS);
        assertEquals(1.0, plain.removalEffect("B"), EPS);
    }

    @Test
    void transitionRowsSumToOne() {
        JourneySet set = TestData.paths("A > B > C", 1, 0, "A > C", 0, 1, "B > C", 1, 0, "A > B", 0, 1);
        TransitionMatrix m = MarkovChain.fit(set, MarkovOptions.defaults()).transitionMatrix();
        for (String s : m.states()) {
            double sum = m.transitions().stream().filter(t -> t.from().equals(s)).mapToDouble(Transition::probability).sum();
            if (!s.equals(TransitionMatrix.CONVERSION) && !s.equals(TransitionMatrix.NULL)) {
                assertEquals(1.0, sum, EPS, s);
            }
        }
        assertEquals(2.0 / 3, m.probability("A", "B"), EPS);
        assertEquals(List.of("(start)", "(conversion)", "(null)", "A", "B", "C"), m.states());
    }

    @Test
    void excludingNonConvertingJourneys() {
        // without non-converting journeys, only A > B > C and B > C remain: both end in C, and every path contains C and B
        JourneySet set = TestData.paths("A > B > C", 1, 0, "A > C", 0, 1, "B > C", 1, 0, "A > B", 0, 1);
        MarkovChain chain = MarkovChain.fit(set, MarkovOptions.defaults().withNonConverting(false));
        assertEquals(1.0, chain.conversionProbability(), EPS);
        assertEquals(0.5, chain.removalEffect("A"), EPS);
        assertEquals(1.0, chain.removalEffect("B"), EPS);
        assertEquals(1.0, chain.removalEffect("C"), EPS);
        assertEquals(2.0 * 0.5 / 2.5, AttributionResult.fromMarkov(chain).conversions("A"), EPS);
    }

    @Test
    void secondOrderOnHandCheckableChain() {
        // order 2: states "c1 > c2", "c2 > c3", "c1" (shorter path), "c2 > c3" shared
        JourneySet set = TestData.paths("c1 > c2 > c3", 1, 0, "c1", 0, 1, "c2 > c3", 0, 1);
        MarkovChain chain = MarkovChain.fit(set, MarkovOptions.defaults().withOrder(2));
        assertEquals(3, chain.stateCount());
        // start -> "c1 > c2" 1/3, -> "c1" 1/3, -> "c2 > c3" 1/3; "c1 > c2" -> "c2 > c3"; "c2 > c3" converts 1/2
        assertEquals(1.0 / 3, chain.conversionProbability(), EPS);
        assertEquals(0.5, chain.removalEffect("c1"), EPS);
        assertEquals(1.0, chain.removalEffect("c2"), EPS);
        TransitionMatrix m = chain.transitionMatrix();
        assertEquals(1.0, m.probability("c1 > c2", "c2 > c3"), EPS);
    }

    @Test
    void deterministicAndInputOrderIndependent() {
        Random random = new Random(7);
        List<Object[]> rows = new ArrayList<>();
        String[] ch = {"a", "b", "c", "d", "e"};
        for (int i = 0; i < 300; i++) {
            int len = 1 + random.nextInt(5);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < len; j++) {
                sb.append(j > 0 ? " > " : "").append(ch[random.nextInt(ch.length)]);
            }
            rows.add(new Object[] {sb.toString(), random.nextInt(3), random.nextInt(4)});
        }
        for (int order = 1; order <= 4; order++) {
            AttributionResult first = fit(rows, order);
            for (int rep = 0; rep < 3; rep++) {
                Collections.shuffle(rows, new Random(rep));
                AttributionResult other = fit(rows, order);
                for (ChannelCredit c : first.credits()) {
                    assertEquals(c.conversions(), other.conversions(c.channel()), 1e-9, c.channel());
                    assertEquals(c.removalEffect().getAsDouble(),
                            other.credit(c.channel()).orElseThrow().removalEffect().getAsDouble(), 1e-9);
                }
            }
        }
    }

    private static AttributionResult fit(List<Object[]> rows, int order) {
        Object[] flat = rows.stream().flatMap(r -> java.util.Arrays.stream(r)).toArray();
        return AttributionModel.markov(MarkovOptions.defaults().withOrder(order)).attribute(TestData.paths(flat));
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new MarkovOptions(0, false, true));
        assertThrows(IllegalArgumentException.class, () -> new MarkovOptions(5, false, true));
    }

    @Test
    void neverConvertingChainCreditsNothing() {
        JourneySet set = TestData.paths("a > b", 0, 3);
        AttributionResult r = AttributionModel.markov().attribute(set);
        assertEquals(0.0, r.creditedConversions());
        assertEquals(0.0, r.conversions("a"));
    }

    @Test
    void threadSafeConcurrentUse() throws Exception {
        JourneySet set = TestData.paths("A > B > C", 1, 0, "A > C", 0, 1, "B > C", 1, 0, "A > B", 0, 1);
        MarkovChain chain = MarkovChain.fit(set, MarkovOptions.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Double>> fs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                fs.add(pool.submit(() -> AttributionModel.markov().attribute(set).conversions("A")
                        + AttributionResult.fromMarkov(chain).conversions("A")));
            }
            for (Future<Double> f : fs) {
                assertEquals(28.0 / 22, f.get(), EPS);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void pathDataInvariants() {
        Path file = ReferenceData.fileOrSkip("attribution/PathData.csv");
        JourneySet set = PathCsvReader.defaults().read(file, new ChannelRegistry());
        assertEquals(12, set.channelCount());
        for (int order = 1; order <= 3; order++) {
            for (boolean merge : new boolean[] {false, true}) {
                MarkovChain chain = MarkovChain.fit(set, new MarkovOptions(order, merge, true));
                AttributionResult r = AttributionResult.fromMarkov(chain);
                assertEquals(set.totalConversions(), r.creditedConversions(), 1e-6 * set.totalConversions());
                assertEquals(set.totalValue(), r.creditedValue(), 1e-6 * set.totalValue());
                assertTrue(chain.conversionProbability() > 0 && chain.conversionProbability() < 1);
                for (ChannelCredit c : r.credits()) {
                    assertTrue(c.conversions() >= 0, c.toString());
                    double re = c.removalEffect().getAsDouble();
                    assertTrue(re >= 0 && re <= 1, c.toString());
                }
                // the base probability is the weighted conversion rate of the data (the chain reproduces it)
                assertEquals(set.totalConversions() / (set.totalConversions() + set.totalNulls()),
                        chain.conversionProbability(), 1e-9);
            }
        }
    }
}
