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
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapleyTest {

    /** The textbook definition: average marginal contribution over all n! orderings. */
    static double[] bruteForce(int n, double[] v) {
        double[] phi = new double[n];
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        long count = 0;
        do {
            int s = 0;
            for (int p : perm) {
                phi[p] += v[s | 1 << p] - v[s];
                s |= 1 << p;
            }
            count++;
        } while (nextPermutation(perm));
        for (int i = 0; i < n; i++) {
            phi[i] /= count;
        }
        return phi;
    }

    static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }

    @Test
    void threePlayerGame() {
        // v{1}=6, v{2}=12, v{3}=42, v{1,2}=12, v{1,3}=42, v{2,3}=42, v{1,2,3}=42
        double[] v = {0, 6, 12, 12, 42, 42, 42, 42};
        assertArrayEquals(new double[] {2, 5, 35}, Shapley.exact(3, v), 1e-12);
        assertArrayEquals(new double[] {2, 5, 35}, bruteForce(3, v), 1e-12);
    }

    @Test
    void axiomsAndAgreementOnRandomGames() {
        Random r = new Random(11);
        for (int n = 1; n <= 7; n++) {
            for (int g = 0; g < 5; g++) {
                double[] v = new double[1 << n];
                for (int s = 1; s < v.length; s++) {
                    v[s] = r.nextDouble() * 10 - 3;
                }
                double[] fast = Shapley.exact(n, v);
                assertArrayEquals(bruteForce(n, v), fast, 1e-9);
                double sum = 0;
                for (double f : fast) {
                    sum += f;
                }
                assertEquals(v[v.length - 1], sum, 1e-9, "efficiency");
            }
        }
        // null player 2 and symmetric players 0, 1: v depends only on |S without 2|
        int n = 4;
        double[] v = new double[1 << n];
        for (int s = 0; s < v.length; s++) {
            v[s] = Math.pow(Integer.bitCount(s & ~4), 2);
        }
        double[] phi = Shapley.exact(n, v);
        assertEquals(0.0, phi[2], 1e-12);
        assertEquals(phi[0], phi[1], 1e-12);
        assertEquals(phi[0], phi[3], 1e-12);
        assertEquals(3.0, phi[0], 1e-12);
    }

    @Test
    void zetaTransform() {
        double[] f = {1, 2, 3, 4};
        Shapley.zeta(f, 2);
        assertArrayEquals(new double[] {1, 3, 4, 10}, f, 0);
        assertThrows(IllegalArgumentException.class, () -> Shapley.exact(3, new double[7]));
        assertThrows(IllegalArgumentException.class, () -> Shapley.exact(0, new double[1]));
    }

    /** Coalition values over the channels present in a small set, by direct definition. */
    static double[] coalitionValues(JourneySet set, boolean rate) {
        int n = set.channelCount();
        double[] v = new double[1 << n];
        for (int s = 0; s < v.length; s++) {
            double conv = 0;
            double all = 0;
            for (int i = 0; i < set.size(); i++) {
                boolean inside = true;
                for (int j = 0; j < set.length(i); j++) {
                    inside &= (s >> set.channel(i, j) & 1) != 0;
                }
                if (inside) {
                    conv += set.conversions(i);
                    all += set.conversions(i) + set.nulls(i);
                }
            }
            v[s] = rate ? (all > 0 ? conv / all : 0) : conv;
        }
        return v;
    }

    static JourneySet randomSet(Random r, int channels, int paths) {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < paths; i++) {
            int len = 1 + r.nextInt(4);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < len; j++) {
                sb.append(j > 0 ? " > " : "").append("ch").append(r.nextInt(channels));
            }
            rows.add(sb.toString());
            rows.add(r.nextInt(4));
            rows.add(r.nextInt(6));
        }
        return TestData.paths(rows.toArray());
    }

    @Test
    void closedFormEqualsBruteForceForConversionValues() {
        Random r = new Random(5);
        for (int g = 0; g < 10; g++) {
            JourneySet set = randomSet(r, 5, 30);
            double[] brute = bruteForce(set.channelCount(), coalitionValues(set, false));
            AttributionResult closed = AttributionModel.shapleyConversions().attribute(set);
            for (int c = 0; c < set.channelCount(); c++) {
                ChannelCredit credit = closed.credit(set.channelId(c)).orElseThrow();
                assertEquals(brute[c], credit.conversions(), 1e-9);
                assertEquals(brute[c], credit.shapleyValue().getAsDouble(), 1e-9);
            }
            assertEquals(set.totalConversions(), closed.creditedConversions(), 1e-9);
        }
    }

    @Test
    void exactRateBasedEqualsBruteForce() {
        Random r = new Random(9);
        for (int g = 0; g < 10; g++) {
            JourneySet set = randomSet(r, 6, 40);
            double[] v = coalitionValues(set, true);
            double[] brute = bruteForce(set.channelCount(), v);
            AttributionResult res = AttributionModel.shapleyConversionRate(ShapleyRateOptions.raw(), 1, 100).attribute(set);
            double sum = 0;
            for (int c = 0; c < set.channelCount(); c++) {
                ChannelCredit credit = res.credit(set.channelId(c)).orElseThrow();
                assertEquals(brute[c], credit.shapleyValue().getAsDouble(), 1e-12);
                assertTrue(credit.standardError().isEmpty());
                sum += credit.shapleyValue().getAsDouble();
            }
            assertEquals(v[v.length - 1], sum, 1e-12);
            assertEquals(set.totalConversions(), res.creditedConversions(), 1e-9);
        }
    }

    @Test
    void samplingBeyondTwentyChannelsIsSeededAndCloseToTruth() {
        Random r = new Random(21);
        JourneySet set = randomSet(r, 24, 400);
        AttributionResult a = AttributionModel.shapleyConversionRate(ShapleyRateOptions.raw(), 42, 3000).attribute(set);
        AttributionResult b = AttributionModel.shapleyConversionRate(ShapleyRateOptions.raw(), 42, 3000).attribute(set);
        assertEquals(a, b);
        assertEquals(set.totalConversions(), a.creditedConversions(), 1e-9);
        double sum = 0;
        for (ChannelCredit c : a.credits()) {
            assertTrue(c.standardError().isPresent());
            assertTrue(c.standardError().getAsDouble() >= 0);
            sum += c.shapleyValue().getAsDouble();
        }
        double rate = set.totalConversions() / (set.totalConversions() + set.totalNulls());
        assertEquals(rate, sum, 1e-9, "efficiency holds exactly for every permutation");
    }

    @Test
    void samplingAgreesWithExactWithinStandardErrors() {
        // the sampler used beyond 20 channels, run on a 12-channel set where the exact values are known
        Random r = new Random(4);
        JourneySet set = randomSet(r, 12, 200);
        int n = set.channelCount();
        int[] player = new int[n];
        for (int i = 0; i < n; i++) {
            player[i] = i;
        }
        double[][] est = new ShapleyAttribution.PermutationSampler(
                ShapleyAttribution.Game.of(CoalitionCounts.of(set), player, new ArrayList<>()), n,
                new ShapleyAttribution.RateValue(0, 0)).run(7, 20000);
        double[] exact = Shapley.exact(n, coalitionValues(set, true));
        for (int i = 0; i < n; i++) {
            assertTrue(Math.abs(est[0][i] - exact[i]) < 5 * est[1][i] + 1e-12,
                    "channel " + i + ": " + est[0][i] + " vs " + exact[i] + " se " + est[1][i]);
        }
    }

    @Test
    void orderedShapleySplitsOverPositions() {
        JourneySet set = TestData.paths("a > b > a", 3, 0, "b", 1, 2, "c > b", 0, 4);
        OrderedShapley o = ShapleyAttribution.ordered(set);
        // a > b > a: 1.5 to a (0.75 at positions 1 and 3), 1.5 to b at position 2; b: 1 at position 1
        assertEquals(0.75, o.conversions("a", 1), 1e-12);
        assertEquals(0.0, o.conversions("a", 2), 1e-12);
        assertEquals(0.75, o.conversions("a", 3), 1e-12);
        assertEquals(1.5, o.conversions("b", 2), 1e-12);
        assertEquals(1.0, o.conversions("b", 1), 1e-12);
        assertEquals(7.5, o.value("a", 1), 1e-12);
        AttributionResult simple = AttributionModel.shapleyConversions().attribute(set);
        for (String ch : o.channels()) {
            assertEquals(simple.conversions(ch), o.conversions(ch), 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> o.conversions("a", 4));
        assertThrows(IllegalArgumentException.class, () -> o.conversions("zz", 1));
    }

    @Test
    void pathDataRateShapley() {
        Path file = ReferenceData.fileOrSkip("attribution/PathData.csv");
        JourneySet set = PathCsvReader.defaults().read(file, new ChannelRegistry());
        AttributionResult r = AttributionModel.shapleyConversionRate().attribute(set);
        assertEquals(set.totalConversions(), r.creditedConversions(), 1e-6 * set.totalConversions());
        AttributionResult c = AttributionModel.shapleyConversions().attribute(set);
        assertEquals(set.totalConversions(), c.creditedConversions(), 1e-6 * set.totalConversions());
        for (ChannelCredit credit : c.credits()) {
            assertTrue(credit.conversions() >= 0);
        }
    }
}
