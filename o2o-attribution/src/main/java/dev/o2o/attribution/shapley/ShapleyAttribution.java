package dev.o2o.attribution.shapley;

import dev.o2o.attribution.AttributionResult;
import dev.o2o.attribution.ChannelCredit;
import dev.o2o.attribution.journey.JourneySet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Shapley attribution of journeys, with two choices of coalition value {@code v(S)} over channel sets {@code S}:
 * <ul>
 *   <li>conversions of the journeys whose channel set is contained in {@code S}: the Shapley value then has the
 *   closed form "split every converting journey equally over its distinct channels", linear in the data;</li>
 *   <li>conversion rate of those journeys (their conversions over conversions plus non-conversions, 0 for no
 *   journey): exact via zeta transforms in {@code O(2^n n)} for up to {@value #MAX_EXACT_CHANNELS} channels present,
 *   beyond that estimated from seeded random permutations with a standard error per channel. Conversions and value
 *   are then credited as {@code total * phi_i / v(N)}; a channel whose presence lowers the rate gets a negative
 *   credit.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class ShapleyAttribution {

    /** Most channels for which the conversion-rate Shapley value is computed exactly. */
    public static final int MAX_EXACT_CHANNELS = 20;

    private ShapleyAttribution() {
    }

    /** Shapley attribution with conversion coalition values (closed form, also the Shapley value of each channel). */
    public static AttributionResult conversions(JourneySet journeys) {
        Objects.requireNonNull(journeys, "journeys");
        int channels = journeys.channelCount();
        double[] conv = new double[channels];
        double[] value = new double[channels];
        int[] mark = new int[channels];
        Arrays.fill(mark, -1);
        int[] distinct = new int[16];
        for (int i = 0, n = journeys.size(); i < n; i++) {
            double c = journeys.conversions(i);
            double v = journeys.value(i);
            if (c == 0 && v == 0) {
                continue;
            }
            int len = journeys.length(i);
            if (distinct.length < len) {
                distinct = new int[len * 2];
            }
            int d = 0;
            for (int j = 0; j < len; j++) {
                int ch = journeys.channel(i, j);
                if (mark[ch] != i) {
                    mark[ch] = i;
                    distinct[d++] = ch;
                }
            }
            for (int q = 0; q < d; q++) {
                conv[distinct[q]] += c / d;
                value[distinct[q]] += v / d;
            }
        }
        List<ChannelCredit> credits = new ArrayList<>(channels);
        for (int ch = 0; ch < channels; ch++) {
            credits.add(new ChannelCredit(journeys.channelId(ch), conv[ch], value[ch], OptionalDouble.empty(),
                    OptionalDouble.of(conv[ch]), OptionalDouble.empty()));
        }
        return new AttributionResult("shapley(conversions)", credits, journeys.totalConversions(), journeys.totalValue());
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
        List<String> ids = new ArrayList<>(channels);
        for (int ch = 0; ch < channels; ch++) {
            ids.add(journeys.channelId(ch));
        }
        return new OrderedShapley(ids, maxLen, conv, value);
    }

    /**
     * Shapley attribution with conversion-rate coalition values: exact when at most {@value #MAX_EXACT_CHANNELS}
     * channels appear in the journeys, otherwise from {@code samples} random permutations drawn with {@code seed}.
     */
    public static AttributionResult conversionRate(JourneySet journeys, long seed, int samples) {
        Objects.requireNonNull(journeys, "journeys");
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be at least 2: " + samples);
        }
        int channels = journeys.channelCount();
        // distinct channel sets with their conversions and journey counts
        boolean[] present = new boolean[channels];
        for (int i = 0; i < journeys.size(); i++) {
            if (journeys.conversions(i) + journeys.nulls(i) > 0) {
                for (int j = 0; j < journeys.length(i); j++) {
                    present[journeys.channel(i, j)] = true;
                }
            }
        }
        int[] player = new int[channels];
        Arrays.fill(player, -1);
        int n = 0;
        int[] channelOf = new int[channels];
        for (int ch = 0; ch < channels; ch++) {
            if (present[ch]) {
                channelOf[n] = ch;
                player[ch] = n++;
            }
        }
        double[] phi = new double[n];
        double[] se = null;
        double grand;
        if (n == 0) {
            grand = 0;
        } else if (n <= MAX_EXACT_CHANNELS) {
            int full = 1 << n;
            double[] conv = new double[full];
            double[] count = new double[full];
            for (int i = 0; i < journeys.size(); i++) {
                int mask = 0;
                for (int j = 0; j < journeys.length(i); j++) {
                    int p = player[journeys.channel(i, j)];
                    if (p >= 0) {
                        mask |= 1 << p;
                    }
                }
                conv[mask] += journeys.conversions(i);
                count[mask] += journeys.conversions(i) + journeys.nulls(i);
            }
            Shapley.zeta(conv, n);
            Shapley.zeta(count, n);
            double[] v = conv; // reuse: rate per coalition
            for (int s = 0; s < full; s++) {
                v[s] = count[s] > 0 ? conv[s] / count[s] : 0;
            }
            grand = v[full - 1];
            phi = Shapley.exact(n, v);
        } else {
            PermutationSampler sampler = new PermutationSampler(journeys, player, n);
            double[][] est = sampler.run(seed, samples);
            phi = est[0];
            se = est[1];
            grand = sampler.grand();
        }
        List<ChannelCredit> credits = new ArrayList<>(channels);
        double totalConv = journeys.totalConversions();
        double totalValue = journeys.totalValue();
        double sumPhi = 0;
        for (double f : phi) {
            sumPhi += f;
        }
        // normalize by the sum of the values so that credits add up exactly even for sampled estimates
        for (int ch = 0; ch < channels; ch++) {
            int p = player[ch];
            double f = p >= 0 ? phi[p] : 0;
            double share = sumPhi != 0 ? f / sumPhi : 0;
            credits.add(new ChannelCredit(journeys.channelId(ch), totalConv * share, totalValue * share,
                    OptionalDouble.empty(), OptionalDouble.of(f),
                    se == null ? OptionalDouble.empty() : OptionalDouble.of(p >= 0 ? se[p] : 0)));
        }
        String name = n <= MAX_EXACT_CHANNELS ? "shapley(conversionRate, exact)"
                : "shapley(conversionRate, " + samples + " permutations, seed " + seed + ")";
        assert Math.abs(sumPhi - grand) < 1e-6 || se != null;
        return new AttributionResult(name, credits, totalConv, totalValue);
    }

    /** Monte Carlo permutation estimate of the conversion-rate Shapley value. Not thread-safe. */
    static final class PermutationSampler {
        private final int players;
        private final int[] setOffsets;
        private final int[] setMembers;
        private final double[] setConv;
        private final double[] setCount;
        private final double grand;

        PermutationSampler(JourneySet journeys, int[] player, int players) {
            this.players = players;
            // aggregate journeys by channel set (sorted distinct players)
            java.util.HashMap<String, Integer> index = new java.util.HashMap<>();
            List<int[]> sets = new ArrayList<>();
            double[] conv = new double[16];
            double[] count = new double[16];
            boolean[] seen = new boolean[players];
            int[] buf = new int[players];
            double c = 0;
            double t = 0;
            for (int i = 0; i < journeys.size(); i++) {
                int d = 0;
                for (int j = 0; j < journeys.length(i); j++) {
                    int p = player[journeys.channel(i, j)];
                    if (p >= 0 && !seen[p]) {
                        seen[p] = true;
                        buf[d++] = p;
                    }
                }
                for (int q = 0; q < d; q++) {
                    seen[buf[q]] = false;
                }
                if (d == 0) {
                    continue;
                }
                int[] set = Arrays.copyOf(buf, d);
                Arrays.sort(set);
                Integer id = index.putIfAbsent(Arrays.toString(set), sets.size());
                if (id == null) {
                    id = sets.size();
                    sets.add(set);
                    if (id == conv.length) {
                        conv = Arrays.copyOf(conv, id * 2);
                        count = Arrays.copyOf(count, id * 2);
                    }
                }
                conv[id] += journeys.conversions(i);
                count[id] += journeys.conversions(i) + journeys.nulls(i);
                c += journeys.conversions(i);
                t += journeys.conversions(i) + journeys.nulls(i);
            }
            setOffsets = new int[sets.size() + 1];
            for (int s = 0; s < sets.size(); s++) {
                setOffsets[s + 1] = setOffsets[s] + sets.get(s).length;
            }
            setMembers = new int[setOffsets[sets.size()]];
            for (int s = 0; s < sets.size(); s++) {
                System.arraycopy(sets.get(s), 0, setMembers, setOffsets[s], sets.get(s).length);
            }
            setConv = Arrays.copyOf(conv, sets.size());
            setCount = Arrays.copyOf(count, sets.size());
            grand = t > 0 ? c / t : 0;
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
