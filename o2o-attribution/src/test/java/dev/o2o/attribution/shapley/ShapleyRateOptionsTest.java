package dev.o2o.attribution.shapley;

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
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapleyRateOptionsTest {

    private static boolean warns(AttributionResult r, String fragment) {
        return r.warnings().stream().anyMatch(w -> w.contains(fragment));
    }

    /**
     * Issue 23: on PathData the raw rate game credits 'mi' (4 conversions in 15 journeys) with 2,203 conversions and
     * two channels with negative conversions, silently. The raw values stay available, now with warnings; the
     * default no longer lets 15 journeys decide a twelfth of the credit.
     */
    @Test
    void pathDataMiNoLongerTakesTwoThousandConversionsByDefault() {
        Path file = ReferenceData.fileOrSkip("attribution/PathData.csv");
        JourneySet set = PathCsvReader.defaults().read(file, new ChannelRegistry());
        CoalitionCounts counts = CoalitionCounts.of(set);
        assertEquals(4.0, counts.conversionsTouching().get("mi"));
        assertEquals(15.0, counts.journeysTouching().get("mi"));

        AttributionResult raw = AttributionModel.shapleyConversionRate(ShapleyRateOptions.raw(), 1, 2000)
                .attribute(set);
        assertEquals(2203.3, raw.conversions("mi"), 0.05, "the raw game is reported as it is");
        assertEquals(-89.8, raw.conversions("zeta"), 0.05);
        assertTrue(warns(raw, "channel 'zeta' has a negative Shapley value"), raw.warnings().toString());
        assertTrue(warns(raw, "channel 'delta' has a negative Shapley value"), raw.warnings().toString());
        assertTrue(warns(raw, "credits are total * value / sum of values (sum 0.223845)"), raw.warnings().toString());
        assertTrue(warns(raw, "channel 'mi' is credited 2203.27 conversions, more than the 4 of the journeys"),
                raw.warnings().toString());

        AttributionResult usable = AttributionModel.shapleyConversionRate().attribute(set);
        assertEquals(0.0, usable.conversions("mi"));
        assertEquals(0.0, usable.conversions("delta"));
        assertTrue(warns(usable, "channel 'mi' touches 15 of 88387 journeys, fewer than the minimum support 0.1%"),
                usable.warnings().toString());
        assertTrue(warns(usable, "channel 'delta' touches 42 of 88387 journeys"), usable.warnings().toString());
        // the channel sets' rates differ by no more than binomial noise: the estimated prior is infinitely strong,
        // every remaining channel gets the same share, and the result says why
        assertTrue(warns(usable, "vary no more than binomial noise"), usable.warnings().toString());
        for (ChannelCredit c : usable.credits()) {
            assertTrue(c.conversions() >= 0, c.toString());
            if (!c.channel().equals("mi") && !c.channel().equals("delta")) {
                assertEquals(set.totalConversions() / 10, c.conversions(), 1e-6, c.channel());
            }
        }
        assertEquals(set.totalConversions(), usable.creditedConversions(), 1e-6);
        assertTrue(usable.model().contains("EMPIRICAL_BAYES (strength infinite), minSupport 0.1%"), usable.model());
    }

    @Test
    void fixedPriorEqualsBruteForceOfTheShrunkGame() {
        Random r = new Random(17);
        for (int g = 0; g < 8; g++) {
            JourneySet set = ShapleyTest.randomSet(r, 6, 30);
            double m = 5 + g * 10;
            double[] raw = ShapleyTest.coalitionValues(set, true);
            double[] conv = ShapleyTest.coalitionValues(set, false);
            int n = set.channelCount();
            double p0 = set.totalConversions() / (set.totalConversions() + set.totalNulls());
            double[] shrunk = new double[raw.length];
            for (int s = 1; s < raw.length; s++) {
                double journeys = raw[s] > 0 ? conv[s] / raw[s] : journeysInside(set, s);
                shrunk[s] = (conv[s] + m * p0) / (journeys + m);
            }
            double[] expected = ShapleyTest.bruteForce(n, shrunk);
            ShapleyValues values = ShapleyAttribution.conversionRate(CoalitionCounts.of(set),
                    ShapleyRateOptions.raw().withPriorStrength(m), 1, 100);
            for (int c = 0; c < n; c++) {
                assertEquals(expected[c], values.values().get(set.channelId(c)), 1e-12);
            }
        }
    }

    private static double journeysInside(JourneySet set, int mask) {
        double all = 0;
        for (int i = 0; i < set.size(); i++) {
            boolean inside = true;
            for (int j = 0; j < set.length(i); j++) {
                inside &= (mask >> set.channel(i, j) & 1) != 0;
            }
            if (inside) {
                all += set.conversions(i) + set.nulls(i);
            }
        }
        return all;
    }

    @Test
    void samplerWithAPriorAgreesWithExact() {
        Random r = new Random(4);
        JourneySet set = ShapleyTest.randomSet(r, 12, 200);
        int n = set.channelCount();
        int[] player = new int[n];
        for (int i = 0; i < n; i++) {
            player[i] = i;
        }
        ShapleyAttribution.Game game = ShapleyAttribution.Game.of(CoalitionCounts.of(set), player, new ArrayList<>());
        ShapleyAttribution.RateValue rate = new ShapleyAttribution.RateValue(25, game.overallRate());
        double[][] est = new ShapleyAttribution.PermutationSampler(game, n, rate).run(7, 20000);
        double[] exact = Shapley.exact(n, game.values(n, rate));
        for (int i = 0; i < n; i++) {
            assertTrue(Math.abs(est[0][i] - exact[i]) < 5 * est[1][i] + 1e-12,
                    "channel " + i + ": " + est[0][i] + " vs " + exact[i] + " se " + est[1][i]);
        }
    }

    @Test
    void empiricalBayesStrengthByTheMethodOfMoments() {
        // a: 10 of 100 convert, b: 50 of 100. p0 = 0.3; Q = 100 * 0.2^2 * 2 = 8; K - 1 = 1;
        // tau^2 = (8 - 0.21) / (200 - 20000 / 200) = 0.0779; m = 0.21 / 0.0779 - 1
        JourneySet set = TestData.paths("a", 10, 90, "b", 50, 50);
        double m = 0.21 / 0.0779 - 1;
        double va = (10 + m * 0.3) / (100 + m);
        double vb = (50 + m * 0.3) / (100 + m);
        ShapleyValues values = ShapleyAttribution.conversionRate(CoalitionCounts.of(set),
                ShapleyRateOptions.defaults().withMinSupport(0), 1, 100);
        assertEquals((va + 0.3 - vb) / 2, values.values().get("a"), 1e-12);
        assertEquals((vb + 0.3 - va) / 2, values.values().get("b"), 1e-12);
        assertTrue(values.description().contains("strength 1.69576"), values.description());
        assertTrue(values.warnings().isEmpty(), values.warnings().toString());
    }

    @Test
    void homogeneousRatesGiveAnInfiniteStrengthAndEqualValues() {
        JourneySet set = TestData.paths("a", 10, 90, "b", 11, 89, "a > b", 3, 37);
        ShapleyValues values = ShapleyAttribution.conversionRate(CoalitionCounts.of(set),
                ShapleyRateOptions.defaults().withMinSupport(0), 1, 100);
        assertEquals(values.values().get("a"), values.values().get("b"), 1e-15);
        assertEquals(24.0 / 240 / 2, values.values().get("a"), 1e-15);
        assertTrue(values.warnings().get(0).contains("vary no more than binomial noise"), values.warnings().toString());
    }

    @Test
    void minimumSupportLeavesRareChannelsOutAndSaysSo() {
        JourneySet set = TestData.paths("a", 10, 90, "b > rare", 5, 5, "rare", 2, 1, "b", 20, 80);
        AttributionResult r = AttributionModel.shapleyConversionRate(ShapleyRateOptions.raw().withMinSupport(0.1), 1,
                100).attribute(set);
        assertEquals(0.0, r.conversions("rare"));
        assertTrue(warns(r, "channel 'rare' touches 13 of 213 journeys, fewer than the minimum support 10%"), r.warnings()
                .toString());
        assertTrue(warns(r, "3 journeys (2 conversions) touch only channels below the minimum support"),
                r.warnings().toString());
        // the game without 'rare': a = 10/100, b = 25/110 (its journey with 'rare' counts as b's), all = 35/210
        double va = 0.1;
        double vb = 25.0 / 110;
        double all = 35.0 / 210;
        assertEquals((va + all - vb) / 2, r.credit("a").orElseThrow().shapleyValue().getAsDouble(), 1e-15);
        assertEquals((vb + all - va) / 2, r.credit("b").orElseThrow().shapleyValue().getAsDouble(), 1e-15);
        assertEquals(set.totalConversions(), r.creditedConversions(), 1e-9);
    }

    @Test
    void negativeValuesAreCreditedAsTheyAreWithAWarning() {
        // 'b' only appears with 'a' and halves a's rate: v(a) = 0.5, v(b) = 0, v(ab) = 0.25 -> phi_b = -0.125
        JourneySet set = TestData.paths("a", 5, 5, "a > b", 0, 10);
        AttributionResult r = AttributionModel.shapleyConversionRate(ShapleyRateOptions.raw(), 1, 100).attribute(set);
        assertEquals(-0.125, r.credit("b").orElseThrow().shapleyValue().getAsDouble(), 1e-15);
        assertEquals(5 * -0.125 / 0.25, r.conversions("b"), 1e-12);
        assertTrue(warns(r, "channel 'b' has a negative Shapley value -0.125"), r.warnings().toString());
        assertTrue(warns(r, "channel 'a' is credited 7.5 conversions, more than the 5 of the journeys"),
                r.warnings().toString());
        assertFalse(warns(r, "channel 'a' has a negative"));
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> ShapleyRateOptions.raw().withPriorStrength(0));
        assertThrows(IllegalArgumentException.class,
                () -> ShapleyRateOptions.raw().withPriorStrength(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class,
                () -> new ShapleyRateOptions(ShapleyRateOptions.Prior.NONE, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> ShapleyRateOptions.raw().withMinSupport(-0.1));
        assertThrows(IllegalArgumentException.class, () -> ShapleyRateOptions.raw().withMinSupport(1));
        assertThrows(NullPointerException.class, () -> new ShapleyRateOptions(null, 0, 0));
        assertEquals(new ShapleyRateOptions(ShapleyRateOptions.Prior.FIXED, 50, 0.001),
                ShapleyRateOptions.defaults().withPriorStrength(50));
    }
}
