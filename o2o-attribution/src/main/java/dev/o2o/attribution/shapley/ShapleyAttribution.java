package dev.o2o.attribution.shapley;

import dev.o2o.attribution.journey.JourneySet;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Shapley values of channels with the conversion rate as coalition value.
 *
 * <p><b>The game.</b> The players are the channels. A coalition {@code S} is worth the conversion rate
 * {@code v(S) = C(S) / J(S)} of the journeys whose channel set is contained in {@code S} ({@code C} conversions,
 * {@code J} journeys = conversions plus non-conversions; 0 for no journey); the grand coalition is worth the overall
 * rate, so the values sum to it. A channel's value is its average rise of that rate over all orders in which the
 * channels could join: a <em>rate</em> contribution, not a count of conversions, and it can be negative (a channel
 * whose journeys convert worse than the rest lowers the rate). Every player is first in {@code 1/n} of the orders and
 * then earns the rate of its own journeys however few they are, so a rarely seen channel can take a large share;
 * {@link ShapleyRateOptions} shrinks small coalitions' rates toward the overall rate and sets a minimum support.
 * Attribution models that turn values into credited conversions report that, and any negative value, in the
 * result's warnings.
 *
 * <p>Exact via zeta transforms in {@code O(2^n n)} for up to {@value #MAX_EXACT_CHANNELS} players, beyond that
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
     * The raw conversion-rate Shapley values ({@link ShapleyRateOptions#raw()}): exact when at most
     * {@value #MAX_EXACT_CHANNELS} channels appear in journeys, otherwise from {@code samples} random permutations
     * drawn with {@code seed}.
     */
    public static ShapleyValues conversionRate(CoalitionCounts counts, long seed, int samples) {
        return conversionRate(counts, ShapleyRateOptions.raw(), seed, samples);
    }

    /**
     * Conversion-rate Shapley values of the game that {@code options} define (see {@link ShapleyRateOptions}): exact
     * when at most {@value #MAX_EXACT_CHANNELS} channels are players, otherwise from {@code samples} random
     * permutations drawn with {@code seed}. Channels that are not players, journeys left out and an infinite
     * empirical-Bayes strength are reported in {@link ShapleyValues#warnings()}.
     */
    public static ShapleyValues conversionRate(CoalitionCounts counts, ShapleyRateOptions options, long seed,
                                               int samples) {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(options, "options");
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be at least 2: " + samples);
        }
        List<String> ids = counts.channels();
        int channels = ids.size();
        boolean[] present = new boolean[channels];
        double[] support = new double[channels];
        double[] allJourneys = new double[1];
        counts.forEach((members, conv, journeys) -> {
            allJourneys[0] += journeys;
            if (journeys > 0) {
                for (int c : members) {
                    present[c] = true;
                    support[c] += journeys;
                }
            }
        });
        double needed = options.minSupport() * allJourneys[0];
        List<String> warnings = new ArrayList<>();
        int[] player = new int[channels];
        Arrays.fill(player, -1);
        // players are numbered in channel-id order: the sampled permutations follow the numbering, so equal counts
        // whose channels were met in another order (merged the other way round) give the same values for a seed
        Integer[] byId = new Integer[channels];
        for (int ch = 0; ch < channels; ch++) {
            byId[ch] = ch;
        }
        Arrays.sort(byId, Comparator.comparing(ids::get));
        int n = 0;
        for (int ch : byId) {
            if (present[ch] && support[ch] >= needed) {
                player[ch] = n++;
            }
        }
        for (int ch = 0; ch < channels; ch++) {
            if (present[ch] && player[ch] < 0) {
                warnings.add(String.format(Locale.ROOT, "channel '%s' touches %s of %s journeys, fewer than the "
                        + "minimum support %s%%: not a player, value 0", ids.get(ch), number(support[ch]),
                        number(allJourneys[0]), number(100 * options.minSupport())));
            }
        }
        Game game = Game.of(counts, player, warnings);
        double strength = switch (options.prior()) {
            case NONE -> 0;
            case FIXED -> options.strength();
            case EMPIRICAL_BAYES -> game.empiricalBayesStrength();
        };
        if (n == 0 && allJourneys[0] > 0) {
            warnings.add("no channel has the minimum support: every value is 0");
        }
        if (options.prior() == ShapleyRateOptions.Prior.EMPIRICAL_BAYES && Double.isInfinite(strength)) {
            warnings.add(String.format(Locale.ROOT, "empirical-Bayes prior: the conversion rates of the %d channel "
                    + "sets vary no more than binomial noise, so the prior strength is infinite: every non-empty "
                    + "coalition is worth the overall rate %.6g and every player gets the same value",
                    game.setCount(), game.overallRate()));
        }
        RateValue rate = new RateValue(strength, game.overallRate());
        double[] phi;
        double[] se = null;
        double grand;
        if (n == 0) {
            phi = new double[0];
            grand = 0;
        } else if (n <= MAX_EXACT_CHANNELS) {
            double[] v = game.values(n, rate);
            grand = v[v.length - 1];
            phi = Shapley.exact(n, v);
        } else {
            PermutationSampler sampler = new PermutationSampler(game, n, rate);
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
        String method = n <= MAX_EXACT_CHANNELS ? "exact" : samples + " permutations, seed " + seed;
        String settings = options.equals(ShapleyRateOptions.raw()) ? ""
                : ", prior " + options.prior() + (options.prior() == ShapleyRateOptions.Prior.NONE ? ""
                : " (strength " + number(strength) + ")") + ", minSupport " + number(100 * options.minSupport()) + "%";
        return new ShapleyValues("shapley(conversionRate, " + method + settings + ")", values, errors, grand,
                warnings);
    }

    private static String number(double x) {
        if (Double.isInfinite(x)) {
            return "infinite";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        // six significant digits as the root package's messages, written here so that shapley does not import it
        return new BigDecimal(x).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }

    /**
     * The coalition value of the conversion-rate game: the raw rate {@code C / J} (0 without journeys) when the
     * prior strength is 0, otherwise the beta posterior mean {@code (C + m p0) / (J + m)} ({@code p0} for an
     * infinite strength).
     */
    record RateValue(double strength, double overallRate) {
        double of(double conversions, double journeys) {
            if (strength == 0) {
                return journeys > 0 ? conversions / journeys : 0;
            }
            if (Double.isInfinite(strength)) {
                return overallRate;
            }
            return (conversions + strength * overallRate) / (journeys + strength);
        }
    }

    /**
     * The game's atoms: per distinct set of players, the conversions and journeys of the journeys whose players are
     * exactly that set (in the order first met). A journey without any touch stays in the empty set, as before;
     * a journey whose channels are all non-players is left out (and reported).
     */
    record Game(List<int[]> sets, List<double[]> weights) {

        static Game of(CoalitionCounts counts, int[] player, List<String> warnings) {
            Map<List<Integer>, double[]> atoms = new LinkedHashMap<>();
            double[] left = new double[2];
            counts.forEach((members, conv, journeys) -> {
                List<Integer> set = new ArrayList<>(members.length);
                for (int m : members) {
                    if (player[m] >= 0) {
                        set.add(player[m]);
                    }
                }
                if (set.isEmpty() && members.length > 0) {
                    left[0] += conv;
                    left[1] += journeys;
                    return;
                }
                double[] w = atoms.computeIfAbsent(set, k -> new double[2]);
                w[0] += conv;
                w[1] += journeys;
            });
            if (left[1] > 0) {
                warnings.add(number(left[1]) + " journeys (" + number(left[0]) + " conversions) touch only channels "
                        + "below the minimum support and are left out of the game");
            }
            List<int[]> sets = new ArrayList<>(atoms.size());
            List<double[]> weights = new ArrayList<>(atoms.size());
            atoms.forEach((k, w) -> {
                sets.add(k.stream().mapToInt(Integer::intValue).toArray());
                weights.add(w);
            });
            return new Game(sets, weights);
        }

        int setCount() {
            return sets.size();
        }

        double overallRate() {
            double c = 0;
            double j = 0;
            for (double[] w : weights) {
                c += w[0];
                j += w[1];
            }
            return j > 0 ? c / j : 0;
        }

        /**
         * The method-of-moments (DerSimonian-Laird) strength of a beta prior over the sets' rates; infinite when the
         * rates vary no more than binomial noise or there are fewer than two sets with journeys.
         */
        double empiricalBayesStrength() {
            double total = 0;
            double squares = 0;
            int k = 0;
            for (double[] w : weights) {
                if (w[1] > 0) {
                    total += w[1];
                    squares += w[1] * w[1];
                    k++;
                }
            }
            double p = overallRate();
            double noise = p * (1 - p);
            if (k < 2 || noise == 0) {
                return Double.POSITIVE_INFINITY;
            }
            double q = 0;
            for (double[] w : weights) {
                if (w[1] > 0) {
                    double d = w[0] / w[1] - p;
                    q += w[1] * d * d;
                }
            }
            double tau2 = (q - (k - 1) * noise) / (total - squares / total);
            if (!(tau2 > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            return Math.max(0, noise / tau2 - 1);
        }

        /** The coalition value of every coalition mask of the {@code n} players. */
        double[] values(int n, RateValue rate) {
            int full = 1 << n;
            double[] conv = new double[full];
            double[] count = new double[full];
            for (int s = 0; s < sets.size(); s++) {
                int mask = 0;
                for (int p : sets.get(s)) {
                    mask |= 1 << p;
                }
                conv[mask] += weights.get(s)[0];
                count[mask] += weights.get(s)[1];
            }
            Shapley.zeta(conv, n);
            Shapley.zeta(count, n);
            for (int s = 0; s < full; s++) {
                conv[s] = s == 0 && count[s] == 0 ? 0 : rate.of(conv[s], count[s]);
            }
            return conv;
        }
    }

    /** Monte Carlo permutation estimate of the conversion-rate Shapley value. Not thread-safe. */
    static final class PermutationSampler {
        private final int players;
        private final int[] setOffsets;
        private final int[] setMembers;
        private final double[] setConv;
        private final double[] setCount;
        private final double grand;
        private final RateValue rate;

        PermutationSampler(Game game, int players, RateValue rate) {
            this.players = players;
            this.rate = rate;
            List<int[]> sets = new ArrayList<>();
            List<double[]> weights = new ArrayList<>();
            double[] totals = new double[2];
            for (int s = 0; s < game.sets().size(); s++) {
                if (game.sets().get(s).length > 0) {
                    sets.add(game.sets().get(s));
                    weights.add(game.weights().get(s));
                    totals[0] += game.weights().get(s)[0];
                    totals[1] += game.weights().get(s)[1];
                }
            }
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
            grand = rate.of(totals[0], totals[1]);
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
                    double v = rate.of(cc, ct);
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
