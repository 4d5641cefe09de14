package dev.o2o.attribution.shapley;

import dev.o2o.attribution.journey.JourneySet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Shapley values of channels with the conversion rate as coalition value: {@code v(S)} = conversions over
 * conversions plus non-conversions of the journeys whose channel set is contained in {@code S} (0 for no journey).
 * Exact via zeta transforms in {@code O(2^n n)} for up to {@value #MAX_EXACT_CHANNELS} channels present, beyond that
 * estimated from seeded random permutations with a standard error per channel. The values come from
 * {@link CoalitionCounts}, so partitions can be counted apart and merged; turning values into credited conversions
 * is the caller's choice (the attribution package credits {@code total * phi_i / sum of phi}).
 *
 * <p>The ordered Shapley value of Zhao et al. needs positions and works on a {@link JourneySet}. The simplified
 * Shapley value of the conversion game (each converting journey split equally over its distinct channels) is a
 * per-channel credit sum, built in as {@code AttributionModel.shapleyConversions()}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ShapleyAttribution {

    /** Most channels for which the conversion-rate Shapley value is computed exactly. */
    public static final int MAX_EXACT_CHANNELS = 20;

    private ShapleyAttribution() {
    }

    /** The ordered Shapley value of Zhao et al. 2018 (conversion coalition values). */
    public static OrderedShapley ordered(JourneySet journeys) {
        Objects.requireNonNull(journeys, "journeys");
        int channels = journeys.channelCount();
        int maxLen = 1;
        for (int i = 0; i < journeys.size(); i++) {
            maxLen = Math.max(maxLen, journeys.length(i));
        }
        double[] conv = new double[channels * maxLen];
        double[] value = new double[channels * maxLen];
        int[] occurrences = new int[channels];
        for (int i = 0, n = journeys.size(); i < n; i++) {
            double c = journeys.conversions(i);
            double v = journeys.value(i);
            if (c == 0 && v == 0) {
                continue;
            }
            int len = journeys.length(i);
            int d = 0;
            for (int j = 0; j < len; j++) {
                if (occurrences[journeys.channel(i, j)]++ == 0) {
                    d++;
                }
            }
            for (int j = 0; j < len; j++) {
                int ch = journeys.channel(i, j);
                double share = 1.0 / d / occurrences[ch];
                conv[ch * maxLen + j] += c * share;
                value[ch * maxLen + j] += v * share;
            }
            for (int j = 0; j < len; j++) {
                occurrences[journeys.channel(i, j)] = 0;
            }
        }
        List<String> ids = journeys.channelIds();
        return new OrderedShapley(ids, maxLen, conv, value);
    }

    /** {@link #conversionRate(CoalitionCounts, long, int)} of the counts of {@code journeys}. */
    public static ShapleyValues conversionRate(JourneySet journeys, long seed, int samples) {
        return conversionRate(CoalitionCounts.of(journeys), seed, samples);
    }

    /**
     * Conversion-rate Shapley values: exact when at most {@value #MAX_EXACT_CHANNELS} channels appear in journeys,
     * otherwise from {@code samples} random permutations drawn with {@code seed}.
     */
    public static ShapleyValues conversionRate(CoalitionCounts counts, long seed, int samples) {
        Objects.requireNonNull(counts, "counts");
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be at least 2: " + samples);
        }
        List<String> ids = counts.channels();
        int channels = ids.size();
        boolean[] present = new boolean[channels];
        counts.forEach((members, conv, journeys) -> {
            if (journeys > 0) {
                for (int c : members) {
                    present[c] = true;
                }
            }
        });
        int[] player = new int[channels];
        Arrays.fill(player, -1);
        int n = 0;
        for (int ch = 0; ch < channels; ch++) {
            if (present[ch]) {
                player[ch] = n++;
            }
        }
        double[] phi;
        double[] se = null;
        double grand;
        if (n == 0) {
            phi = new double[0];
            grand = 0;
        } else if (n <= MAX_EXACT_CHANNELS) {
            double[] v = rateValues(counts, player, n);
            grand = v[v.length - 1];
            phi = Shapley.exact(n, v);
        } else {
            PermutationSampler sampler = new PermutationSampler(counts, player, n);
            double[][] est = sampler.run(seed, samples);
            phi = est[0];
            se = est[1];
            grand = sampler.grand();
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        for (int ch = 0; ch < channels; ch++) {
            int p = player[ch];
            values.put(ids.get(ch), p >= 0 ? phi[p] : 0.0);
            if (se != null) {
                errors.put(ids.get(ch), p >= 0 ? se[p] : 0.0);
            }
        }
        String description = n <= MAX_EXACT_CHANNELS ? "shapley(conversionRate, exact)"
                : "shapley(conversionRate, " + samples + " permutations, seed " + seed + ")";
        return new ShapleyValues(description, values, errors, grand);
    }

    /** The conversion-rate coalition value v(S) of every coalition mask of the {@code n} players. */
    private static double[] rateValues(CoalitionCounts counts, int[] player, int n) {
        int full = 1 << n;
        double[] conv = new double[full];
        double[] count = new double[full];
        counts.forEach((members, c, journeys) -> {
            int mask = 0;
            for (int m : members) {
                if (player[m] >= 0) {
                    mask |= 1 << player[m];
                }
            }
            conv[mask] += c;
            count[mask] += journeys;
        });
        Shapley.zeta(conv, n);
        Shapley.zeta(count, n);
        for (int s = 0; s < full; s++) {
            conv[s] = count[s] > 0 ? conv[s] / count[s] : 0;
        }
        return conv;
    }

    /** Monte Carlo permutation estimate of the conversion-rate Shapley value. Not thread-safe. */
    static final class PermutationSampler {
        private final int players;
        private final int[] setOffsets;
        private final int[] setMembers;
        private final double[] setConv;
        private final double[] setCount;
        private final double grand;

        PermutationSampler(CoalitionCounts counts, int[] player, int players) {
            this.players = players;
            List<int[]> sets = new ArrayList<>();
            List<double[]> weights = new ArrayList<>();
            double[] totals = new double[2];
            counts.forEach((members, conv, journeys) -> {
                int[] set = new int[members.length];
                int d = 0;
                for (int m : members) {
                    if (player[m] >= 0) {
                        set[d++] = player[m];
                    }
                }
                if (d > 0) {
                    sets.add(Arrays.copyOf(set, d));
                    weights.add(new double[] {conv, journeys});
                    totals[0] += conv;
                    totals[1] += journeys;
                }
            });
            setOffsets = new int[sets.size() + 1];
            for (int s = 0; s < sets.size(); s++) {
                setOffsets[s + 1] = setOffsets[s] + sets.get(s).length;
            }
            setMembers = new int[setOffsets[sets.size()]];
            setConv = new double[sets.size()];
            setCount = new double[sets.size()];
            for (int s = 0; s < sets.size(); s++) {
                System.arraycopy(sets.get(s), 0, setMembers, setOffsets[s], sets.get(s).length);
                setConv[s] = weights.get(s)[0];
                setCount[s] = weights.get(s)[1];
            }
            grand = totals[1] > 0 ? totals[0] / totals[1] : 0;
        }

        double grand() {
            return grand;
        }

        /** Returns {mean, standard error} per player. */
        double[][] run(long seed, int samples) {
            SplittableRandom random = new SplittableRandom(seed);
            int[] perm = new int[players];
            int[] pos = new int[players];
            double[] addConv = new double[players];
            double[] addCount = new double[players];
            double[] mean = new double[players];
            double[] m2 = new double[players];
            for (int p = 0; p < players; p++) {
                perm[p] = p;
            }
            for (int k = 1; k <= samples; k++) {
                for (int i = players - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int tmp = perm[i];
                    perm[i] = perm[j];
                    perm[j] = tmp;
                }
                for (int i = 0; i < players; i++) {
                    pos[perm[i]] = i;
                }
                Arrays.fill(addConv, 0);
                Arrays.fill(addCount, 0);
                for (int s = 0; s < setConv.length; s++) {
                    int last = 0;
                    for (int e = setOffsets[s]; e < setOffsets[s + 1]; e++) {
                        last = Math.max(last, pos[setMembers[e]]);
                    }
                    addConv[last] += setConv[s];
                    addCount[last] += setCount[s];
                }
                double cc = 0;
                double ct = 0;
                double prev = 0;
                for (int i = 0; i < players; i++) {
                    cc += addConv[i];
                    ct += addCount[i];
                    double v = ct > 0 ? cc / ct : 0;
                    double marginal = v - prev;
                    prev = v;
                    int p = perm[i];
                    double delta = marginal - mean[p];
                    mean[p] += delta / k;
                    m2[p] += delta * (marginal - mean[p]);
                }
            }
            double[] se = new double[players];
            for (int p = 0; p < players; p++) {
                se[p] = Math.sqrt(m2[p] / (samples - 1) / samples);
            }
            return new double[][] {mean, se};
        }
    }
}
