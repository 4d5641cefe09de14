package dev.o2o.attribution;

import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.attribution.shapley.CoalitionCounts;
import dev.o2o.attribution.shapley.ShapleyAttribution;
import dev.o2o.attribution.shapley.ShapleyValues;
import dev.o2o.core.ChannelRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13 item 2: the Shapley and rule-based statistics of two halves, merged, equal those of the whole. */
class MergeableStatisticsTest {

    /** Seeded paths over {@code channels} channels; conversions whole, values multiples of 1/4 (exact sums). */
    static List<Object[]> rows(long seed, int channels, int paths) {
        Random r = new Random(seed);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < paths; i++) {
            int len = 1 + r.nextInt(6);
            List<String> p = new ArrayList<>();
            for (int j = 0; j < len; j++) {
                p.add("ch" + r.nextInt(channels));
            }
            double conv = r.nextInt(3);
            rows.add(new Object[] {p, conv, conv * (4 + r.nextInt(40)) / 4.0, (double) r.nextInt(5)});
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    static JourneySet set(List<Object[]> rows, int from, int to, ChannelRegistry registry) {
        JourneySet.Builder b = JourneySet.builder(registry);
        for (Object[] row : rows.subList(from, to)) {
            b.add((List<String>) row[0], (double) row[1], (double) row[2], (double) row[3]);
        }
        return b.build();
    }

    @Test
    void coalitionCountsOfHalvesMergeIntoTheWhole() {
        for (int channels : new int[] {6, 24}) {
            List<Object[]> rows = rows(31 + channels, channels, 3000);
            JourneySet whole = set(rows, 0, rows.size(), new ChannelRegistry());
            CoalitionCounts first = CoalitionCounts.of(set(rows, 0, 1700, new ChannelRegistry()));
            CoalitionCounts second = CoalitionCounts.of(set(rows, 1700, rows.size(), new ChannelRegistry()));
            CoalitionCounts all = CoalitionCounts.of(whole);
            assertEquals(all, first.merge(second));
            assertEquals(all, second.merge(first));
            assertEquals(all.hashCode(), first.merge(second).hashCode());
            assertEquals(all.setCount(), first.merge(second).setCount());
            assertNotEquals(all, first);
            ShapleyValues a = ShapleyAttribution.conversionRate(all, 5, 400);
            ShapleyValues m = ShapleyAttribution.conversionRate(first.merge(second), 5, 400);
            assertEquals(channels <= ShapleyAttribution.MAX_EXACT_CHANNELS, a.exact());
            assertEquals(a.grandValue(), m.grandValue(), 1e-15);
            for (String id : all.channels()) {
                // exact values agree to rounding; sampled ones see the sets in another order, so sums differ slightly
                assertEquals(a.values().get(id), m.values().get(id), 1e-12, id);
            }
            // counts equal to the whole but with the channels met in another order: the same values for a seed
            // (sampled values followed the order in which channels were met)
            ShapleyValues reversed = ShapleyAttribution.conversionRate(second.merge(first), 5, 400);
            for (String id : all.channels()) {
                assertEquals(a.values().get(id), reversed.values().get(id), 1e-12, id);
                assertEquals(a.standardErrors().getOrDefault(id, 0.0), reversed.standardErrors().getOrDefault(id, 0.0),
                        1e-12, id);
            }
        }
    }

    @Test
    void creditSumsOfHalvesMergeIntoTheWholeForEveryAdditiveModel() {
        List<Object[]> rows = rows(77, 9, 4000);
        JourneySet whole = set(rows, 0, rows.size(), new ChannelRegistry());
        JourneySet first = set(rows, 0, 2100, new ChannelRegistry());
        JourneySet second = set(rows, 2100, rows.size(), new ChannelRegistry());
        List<AttributionModel> models = List.of(AttributionModel.firstTouch(), AttributionModel.lastTouch(),
                AttributionModel.lastNonDirectTouch(), AttributionModel.linear(), AttributionModel.positionBased(),
                AttributionModel.wShaped(), AttributionModel.positionWeights((p, n) -> 1),
                AttributionModel.shapleyConversions());
        for (AttributionModel model : models) {
            CreditSums all = CreditSums.of(model, whole);
            CreditSums merged = CreditSums.of(model, first).merge(CreditSums.of(model, second));
            // linear and position weights are fractions such as 1/3: their sums are exact only to rounding
            AttributionResult expected = all.result();
            AttributionResult actual = merged.result();
            assertEquals(expected.model(), actual.model());
            assertEquals(expected.totalConversions(), actual.totalConversions());
            assertEquals(expected.totalValue(), actual.totalValue());
            for (ChannelCredit c : expected.credits()) {
                assertEquals(c.conversions(), actual.conversions(c.channel()), 1e-9, model + " " + c.channel());
                assertEquals(c.value(), actual.value(c.channel()), 1e-9, model + " " + c.channel());
                assertEquals(c.shapleyValue().isPresent(), actual.credit(c.channel()).orElseThrow().shapleyValue()
                        .isPresent());
            }
            assertEquals(expected, model.attribute(whole));
        }
        // first and last touch credit whole conversions and quarter values: their merged sums are exactly equal
        for (AttributionModel model : List.of(AttributionModel.firstTouch(), AttributionModel.lastTouch())) {
            assertEquals(CreditSums.of(model, whole), CreditSums.of(model, first).merge(CreditSums.of(model, second)));
        }
    }

    @Test
    void creditSumsRefuseNonAdditiveModelsAndMixedModels() {
        JourneySet set = TestData.paths("a > b", 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CreditSums.of(AttributionModel.markov(), set));
        assertTrue(e.getMessage().contains("rule-based"), e.getMessage());
        CreditSums first = CreditSums.of(AttributionModel.firstTouch(), set);
        assertThrows(IllegalArgumentException.class, () -> first.merge(CreditSums.of(AttributionModel.lastTouch(), set)));
        assertEquals(List.of("a", "b"), first.channels());
        assertEquals("firstTouch", first.model());
    }

    @Test
    void timedSumsMergeToo() {
        JourneySet.Builder a = JourneySet.builder();
        a.add(new int[] {a.intern("x"), a.intern("y")}, new double[] {2, 0}, 1, 4, 0);
        JourneySet.Builder b = JourneySet.builder();
        b.add(new int[] {b.intern("y"), b.intern("x")}, new double[] {1, 0}, 2, 8, 0);
        AttributionModel decay = AttributionModel.timeDecay(Duration.ofDays(1));
        CreditSums merged = CreditSums.of(decay, a.build()).merge(CreditSums.of(decay, b.build()));
        // x: 1 * 0.2 + 2 * 2/3; y: 1 * 0.8 + 2 * 1/3
        assertEquals(0.2 + 4.0 / 3, merged.result().conversions("x"), 1e-12);
        assertEquals(0.8 + 2.0 / 3, merged.result().conversions("y"), 1e-12);
    }
}
