package dev.o2o.attribution;

import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.core.Channel;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** Rule-based models: each fills per-touch weights summing to 1 for a path. Immutable and thread-safe. */
class RuleBasedModel implements AttributionModel {

    /** Fills {@code w[0..length)} with weights summing to 1 for path {@code i}. */
    interface Rule {
        void weights(JourneySet set, int i, int length, double[] w);
    }

    static final RuleBasedModel FIRST = new RuleBasedModel("firstTouch", (s, i, n, w) -> w[0] = 1);
    static final RuleBasedModel LAST = new RuleBasedModel("lastTouch", (s, i, n, w) -> w[n - 1] = 1);
    static final RuleBasedModel LAST_NON_DIRECT = new RuleBasedModel("lastNonDirectTouch", (s, i, n, w) -> {
        int pick = n - 1;
        for (int j = n - 1; j >= 0; j--) {
            if (!s.registry().get(s.channel(i, j)).direct()) {
                pick = j;
                break;
            }
        }
        w[pick] = 1;
    });
    static final RuleBasedModel LINEAR = new RuleBasedModel("linear", (s, i, n, w) -> {
        double x = 1.0 / n;
        for (int j = 0; j < n; j++) {
            w[j] = x;
        }
    });
    static final RuleBasedModel W_SHAPED = wShaped(null);
    /**
     * The Shapley value of the conversion game in closed form: a journey's credit split equally over its distinct
     * channels, and a channel's share equally over its touches.
     */
    static final RuleBasedModel SHAPLEY_CONVERSIONS = new RuleBasedModel("shapley(conversions)", true, (s, i, n, w) -> {
        int[] sorted = s.path(i);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int j = 0; j < n; j++) {
            if (j == 0 || sorted[j] != sorted[j - 1]) {
                distinct++;
            }
        }
        for (int j = 0; j < n; j++) {
            int ch = s.channel(i, j);
            int occurrences = upperBound(sorted, ch) - lowerBound(sorted, ch);
            w[j] = 1.0 / distinct / occurrences;
        }
    });

    private final String name;
    private final boolean shapley;
    private final Rule rule;

    RuleBasedModel(String name, Rule rule) {
        this(name, false, rule);
    }

    private RuleBasedModel(String name, boolean shapley, Rule rule) {
        this.name = name;
        this.shapley = shapley;
        this.rule = rule;
    }

    private static int lowerBound(int[] sorted, int key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(int[] sorted, int key) {
        return lowerBound(sorted, key + 1);
    }

    /** W-shaped; the lead touch is the first middle touch whose channel matches, else the middle touch. */
    static RuleBasedModel wShaped(Predicate<Channel> leadCreation) {
        return new RuleBasedModel(leadCreation == null ? "wShaped" : "wShaped(leadCreation)", (s, i, n, w) -> {
            if (n <= 3) {
                double x = 1.0 / n;
                for (int j = 0; j < n; j++) {
                    w[j] = x;
                }
                return;
            }
            int lead = n / 2;
            if (leadCreation != null) {
                for (int j = 1; j < n - 1; j++) {
                    if (leadCreation.test(s.registry().get(s.channel(i, j)))) {
                        lead = j;
                        break;
                    }
                }
            }
            double rest = 0.1 / (n - 3);
            for (int j = 0; j < n; j++) {
                w[j] = rest;
            }
            w[0] = 0.3;
            w[lead] = 0.3;
            w[n - 1] = 0.3;
        });
    }

    static RuleBasedModel timeDecay(Duration halfLife) {
        Objects.requireNonNull(halfLife, "halfLife");
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("halfLife must be positive: " + halfLife);
        }
        // seconds and nanos apart: toMillis() is 0 below a millisecond (0/0 weights) and overflows for FOREVER
        double hl = halfLife.getSeconds() / 86_400.0 + halfLife.getNano() / 86_400e9;
        return new RuleBasedModel("timeDecay(halfLife=" + halfLife + ")", (s, i, n, w) -> {
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                min = Math.min(min, s.ageDays(i, j));
            }
            // relative to the most recent touch, so long journeys do not underflow
            double sum = 0;
            for (int j = 0; j < n; j++) {
                w[j] = Math.pow(2, -(s.ageDays(i, j) - min) / hl);
                sum += w[j];
            }
            for (int j = 0; j < n; j++) {
                w[j] /= sum;
            }
        }) {
            @Override
            CreditSums sums(JourneySet journeys) {
                if (journeys.size() > 0 && !journeys.hasTimes()) {
                    throw new IllegalArgumentException("time decay needs touch times; these journeys come from"
                            + " path-aggregated data without times");
                }
                return super.sums(journeys);
            }
        };
    }

    static RuleBasedModel positionBased(double first, double last) {
        if (!(first >= 0 && last >= 0 && first + last <= 1 && first + last > 0)) {
            throw new IllegalArgumentException("position-based shares need first >= 0, last >= 0 and 0 < first + last <= 1:"
                    + " first=" + first + ", last=" + last);
        }
        return new RuleBasedModel("positionBased(" + first + "," + last + ")", (s, i, n, w) -> {
            if (n == 1) {
                w[0] = 1;
            } else if (n == 2) {
                w[0] = first / (first + last);
                w[1] = last / (first + last);
            } else {
                double mid = (1 - first - last) / (n - 2);
                for (int j = 1; j < n - 1; j++) {
                    w[j] = mid;
                }
                w[0] = first;
                w[n - 1] = last;
            }
        });
    }

    static RuleBasedModel custom(PositionWeights weights) {
        return new RuleBasedModel("positionWeights", (s, i, n, w) -> {
            double max = 0;
            for (int j = 0; j < n; j++) {
                double x = weights.weight(j, n);
                if (!(x >= 0) || Double.isInfinite(x)) {
                    throw new IllegalArgumentException("position weight for position " + j + " of " + n
                            + " must be finite and non-negative: " + x);
                }
                w[j] = x;
                max = Math.max(max, x);
            }
            if (max <= 0) {
                throw new IllegalArgumentException("position weights for a path of " + n + " touches sum to zero");
            }
            // scaled by the largest first, so that a sum of weights near Double.MAX_VALUE does not overflow
            double sum = 0;
            for (int j = 0; j < n; j++) {
                w[j] /= max;
                sum += w[j];
            }
            for (int j = 0; j < n; j++) {
                w[j] /= sum;
            }
        });
    }

    @Override
    public AttributionResult attribute(JourneySet journeys) {
        return sums(journeys).result();
    }

    /** The per-channel credit sums over {@code journeys}. */
    CreditSums sums(JourneySet journeys) {
        Objects.requireNonNull(journeys, "journeys");
        int channels = journeys.channelCount();
        double[] conv = new double[channels];
        double[] value = new double[channels];
        double[] w = new double[16];
        for (int i = 0, size = journeys.size(); i < size; i++) {
            double c = journeys.conversions(i);
            double v = journeys.value(i);
            if (c == 0 && v == 0) {
                continue;
            }
            int n = journeys.length(i);
            if (w.length < n) {
                w = new double[Math.max(n, w.length * 2)];
            }
            Arrays.fill(w, 0, n, 0.0);
            rule.weights(journeys, i, n, w);
            for (int j = 0; j < n; j++) {
                int ch = journeys.channel(i, j);
                conv[ch] += c * w[j];
                value[ch] += v * w[j];
            }
        }
        List<String> ids = journeys.channelIds();
        return new CreditSums(name, shapley, ids, conv, value, journeys.totalConversions(), journeys.totalValue());
    }

    @Override
    public String toString() {
        return name;
    }
}
