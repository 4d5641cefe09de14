package dev.o2o.attribution.markov;

import dev.o2o.attribution.AttributionResult;
import dev.o2o.attribution.ChannelCredit;
import dev.o2o.attribution.journey.JourneySet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A fitted absorbing Markov chain over channel windows with exact removal effects.
 *
 * <p>The conversion probability from the start state solves {@code x = P x + b} over the transient states
 * ({@code b} = one-step conversion probability). It is solved by Gauss-Seidel sweeps over the sparse matrix in
 * depth-first post-order from the start state (so an acyclic chain is solved in one sweep), with each state's
 * self-loop solved in closed form, until no value changes by more than 1e-15. The removal effect of channel
 * {@code c} is {@code 1 - P'(conversion) / P(conversion)} where in {@code P'} every state containing {@code c}
 * leads to the null state. States are numbered canonically by channel ids, so results do not depend on input order.
 *
 * <p>Immutable and thread-safe.
 */
public final class MarkovChain {

    private static final double TOLERANCE = 1e-15;
    private static final int MAX_SWEEPS = 1_000_000;

    private final JourneySet journeys;
    private final MarkovOptions options;
    private final int stateCount; // transient states including start (index 0)
    private final int[] rowStart;
    private final int[] col;
    private final double[] prob;
    private final double[] toConversion;
    private final double[] toNull;
    private final double[] outWeight;
    private final double[] convWeight;
    private final double[] nullWeight;
    private final double[] edgeWeight;
    private final int[][] stateChannels; // channel indexes of each state (empty for start)
    private final int[] sweepOrder;
    private final double conversionProbability;
    private final double[] removalEffects;

    private MarkovChain(JourneySet journeys, MarkovOptions options) {
        this.journeys = journeys;
        this.options = options;
        int channels = journeys.channelCount();
        Integer[] byId = new Integer[channels];
        for (int i = 0; i < channels; i++) {
            byId[i] = i;
        }
        Arrays.sort(byId, Comparator.comparing(journeys::channelId));
        int[] rank = new int[channels];
        for (int r = 0; r < channels; r++) {
            rank[byId[r]] = r;
        }
        long base = channels + 1L;
        int k = options.order();
        if (Math.pow(base, k) > Long.MAX_VALUE / (2 * base)) {
            throw new IllegalArgumentException("too many channels (" + channels + ") for order " + k);
        }
        // pass 1: temporary state ids (0 start, 1 conversion, 2 null, then windows) and transition weights
        LongIndex states = new LongIndex(1024);
        states.indexOf(-1);
        states.indexOf(-2);
        states.indexOf(-3);
        LongIndex edges = new LongIndex(4096);
        double[] w = new double[4096];
        int[] seq = new int[16];
        int[] stateSeq = new int[16];
        for (int i = 0, n = journeys.size(); i < n; i++) {
            double conv = journeys.conversions(i);
            double nul = options.includeNonConverting() ? journeys.nulls(i) : 0;
            double weight = conv + nul;
            if (weight <= 0) {
                continue;
            }
            int len = journeys.length(i);
            if (seq.length < len) {
                seq = new int[len * 2];
            }
            if (stateSeq.length < len + 1) {
                // the start state plus one state per window: up to len + 1 entries
                stateSeq = new int[len * 2 + 2];
            }
            int m = 0;
            for (int j = 0; j < len; j++) {
                int r = rank[journeys.channel(i, j)] + 1;
                if (options.mergeRepeats() && m > 0 && seq[m - 1] == r) {
                    continue;
                }
                seq[m++] = r;
            }
            int windows = m <= k ? 1 : m - k + 1;
            int width = Math.min(k, m);
            int s = 0;
            stateSeq[s++] = 0;
            for (int a = 0; a < windows; a++) {
                long key = 0;
                for (int b = a; b < a + width; b++) {
                    key = key * base + seq[b];
                }
                int id = states.indexOf(key);
                if (options.mergeRepeats() && stateSeq[s - 1] == id) {
                    continue;
                }
                stateSeq[s++] = id;
            }
            for (int a = 0; a + 1 < s; a++) {
                w = add(edges, w, ((long) stateSeq[a] << 32) | stateSeq[a + 1], weight);
            }
            int last = stateSeq[s - 1];
            if (conv > 0) {
                w = add(edges, w, ((long) last << 32) | 1, conv);
            }
            if (nul > 0) {
                w = add(edges, w, ((long) last << 32) | 2, nul);
            }
        }
        // pass 2: canonical numbering of windows by key (digits are channel ranks)
        int windowsCount = states.size() - 3;
        long[] windowKeys = new long[windowsCount];
        for (int t = 0; t < windowsCount; t++) {
            windowKeys[t] = states.key(t + 3);
        }
        long[] sortedKeys = windowKeys.clone();
        Arrays.sort(sortedKeys);
        int[] canon = new int[states.size()]; // temp id -> transient index (0 start, 1.. windows), -1 conv, -2 null
        canon[0] = 0;
        canon[1] = -1;
        canon[2] = -2;
        for (int t = 0; t < windowsCount; t++) {
            canon[t + 3] = 1 + Arrays.binarySearch(sortedKeys, windowKeys[t]);
        }
        stateCount = windowsCount + 1;
        stateChannels = new int[stateCount][];
        stateChannels[0] = new int[0];
        for (int t = 0; t < windowsCount; t++) {
            long key = sortedKeys[t];
            int[] digits = new int[k];
            int d = 0;
            while (key > 0) {
                digits[d++] = byId[(int) (key % base) - 1];
                key /= base;
            }
            int[] ch = new int[d];
            for (int q = 0; q < d; q++) {
                ch[q] = digits[d - 1 - q];
            }
            stateChannels[t + 1] = ch;
        }
        int edgeCount = edges.size();
        toConversion = new double[stateCount];
        toNull = new double[stateCount];
        outWeight = new double[stateCount];
        convWeight = new double[stateCount];
        nullWeight = new double[stateCount];
        long[] internal = new long[edgeCount];
        double[] internalW = new double[edgeCount];
        int ni = 0;
        for (int e = 0; e < edgeCount; e++) {
            long key = edges.key(e);
            int from = canon[(int) (key >>> 32)];
            int to = canon[(int) key];
            outWeight[from] += w[e];
            if (to == -1) {
                convWeight[from] += w[e];
            } else if (to == -2) {
                nullWeight[from] += w[e];
            } else {
                internal[ni] = ((long) from << 32) | to;
                internalW[ni++] = w[e];
            }
        }
        Integer[] order = new Integer[ni];
        for (int e = 0; e < ni; e++) {
            order[e] = e;
        }
        long[] ik = internal;
        Arrays.sort(order, Comparator.comparingLong(e -> ik[e]));
        rowStart = new int[stateCount + 1];
        col = new int[ni];
        prob = new double[ni];
        edgeWeight = new double[ni];
        for (int q = 0; q < ni; q++) {
            int e = order[q];
            int from = (int) (internal[e] >>> 32);
            col[q] = (int) internal[e];
            edgeWeight[q] = internalW[e];
            prob[q] = internalW[e] / outWeight[from];
            rowStart[from + 1]++;
        }
        for (int s = 0; s < stateCount; s++) {
            rowStart[s + 1] += rowStart[s];
            if (outWeight[s] > 0) {
                toConversion[s] = convWeight[s] / outWeight[s];
                toNull[s] = nullWeight[s] / outWeight[s];
            }
        }
        sweepOrder = postOrder();
        double[] x = new double[stateCount];
        boolean[] none = new boolean[stateCount];
        conversionProbability = solve(none, x);
        double[] baseX = x.clone();
        removalEffects = new double[channels];
        if (conversionProbability > 0) {
            boolean[] present = new boolean[channels];
            for (int[] st : stateChannels) {
                for (int c : st) {
                    present[c] = true;
                }
            }
            boolean[] removed = new boolean[stateCount];
            for (int c = 0; c < channels; c++) {
                if (!present[c]) {
                    continue;
                }
                // warm start from the full chain's solution: states that cannot reach c keep their value
                for (int s = 0; s < stateCount; s++) {
                    removed[s] = contains(stateChannels[s], c);
                    x[s] = removed[s] ? 0 : baseX[s];
                }
                double p = solve(removed, x);
                removalEffects[c] = Math.max(0, 1 - p / conversionProbability);
            }
        }
    }

    private static double[] add(LongIndex edges, double[] w, long key, double weight) {
        int e = edges.indexOf(key);
        if (e >= w.length) {
            w = Arrays.copyOf(w, w.length * 2);
        }
        w[e] += weight;
        return w;
    }

    private static boolean contains(int[] a, int c) {
        for (int v : a) {
            if (v == c) {
                return true;
            }
        }
        return false;
    }

    private int[] postOrder() {
        int[] out = new int[stateCount];
        int n = 0;
        boolean[] seen = new boolean[stateCount];
        int[] stack = new int[stateCount];
        int[] next = new int[stateCount];
        for (int root = 0; root < stateCount; root++) {
            if (seen[root]) {
                continue;
            }
            int sp = 0;
            stack[sp++] = root;
            seen[root] = true;
            next[root] = rowStart[root];
            while (sp > 0) {
                int s = stack[sp - 1];
                if (next[s] < rowStart[s + 1]) {
                    int t = col[next[s]++];
                    if (!seen[t]) {
                        seen[t] = true;
                        next[t] = rowStart[t];
                        stack[sp++] = t;
                    }
                } else {
                    out[n++] = s;
                    sp--;
                }
            }
        }
        // start last: nothing leads back to it
        return out;
    }

    private double solve(boolean[] removed, double[] x) {
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double maxDelta = 0;
            for (int s : sweepOrder) {
                if (removed[s]) {
                    continue;
                }
                double sum = toConversion[s];
                double self = 0;
                for (int e = rowStart[s], end = rowStart[s + 1]; e < end; e++) {
                    int t = col[e];
                    if (t == s) {
                        self += prob[e];
                    } else {
                        sum += prob[e] * x[t];
                    }
                }
                double v = sum / (1 - self);
                double d = Math.abs(v - x[s]);
                if (d > maxDelta) {
                    maxDelta = d;
                }
                x[s] = v;
            }
            if (maxDelta <= TOLERANCE) {
                return x[0];
            }
        }
        throw new IllegalStateException("Markov solve did not converge in " + MAX_SWEEPS + " sweeps");
    }

    /** Fits the chain to {@code journeys} and computes all removal effects. */
    public static MarkovChain fit(JourneySet journeys, MarkovOptions options) {
        Objects.requireNonNull(journeys, "journeys");
        Objects.requireNonNull(options, "options");
        return new MarkovChain(journeys, options);
    }

    /** The options used. */
    public MarkovOptions options() {
        return options;
    }

    /** Probability of reaching the conversion state from the start state. */
    public double conversionProbability() {
        return conversionProbability;
    }

    /** Number of channel-window states (without start, conversion and null). */
    public int stateCount() {
        return stateCount - 1;
    }

    /** Removal effect of channel {@code channelId} (0 for a channel that appears in no weighted journey). */
    public double removalEffect(String channelId) {
        int idx = journeys.registry().indexOf(channelId).orElse(-1);
        return idx >= 0 && idx < removalEffects.length ? removalEffects[idx] : 0;
    }

    /**
     * Conversions and value credited in proportion to the removal effects; they sum to the set's totals (all zero when
     * the chain never converts).
     */
    public AttributionResult attribution() {
        double sum = 0;
        for (double re : removalEffects) {
            sum += re;
        }
        List<ChannelCredit> credits = new ArrayList<>(removalEffects.length);
        for (int c = 0; c < removalEffects.length; c++) {
            double share = sum > 0 ? removalEffects[c] / sum : 0;
            credits.add(new ChannelCredit(journeys.channelId(c), journeys.totalConversions() * share,
                    journeys.totalValue() * share, OptionalDouble.of(removalEffects[c]), OptionalDouble.empty(),
                    OptionalDouble.empty()));
        }
        return new AttributionResult("markov(order=" + options.order() + ",mergeRepeats=" + options.mergeRepeats()
                + ",nonConverting=" + options.includeNonConverting() + ")", credits, journeys.totalConversions(),
                journeys.totalValue());
    }

    private String label(int s) {
        if (s == 0) {
            return TransitionMatrix.START;
        }
        StringBuilder sb = new StringBuilder();
        for (int c : stateChannels[s]) {
            if (sb.length() > 0) {
                sb.append(" > ");
            }
            sb.append(journeys.channelId(c));
        }
        return sb.toString();
    }

    /** The transition matrix, including transitions into the conversion and null states. */
    public TransitionMatrix transitionMatrix() {
        List<String> labels = new ArrayList<>(stateCount + 2);
        labels.add(TransitionMatrix.START);
        labels.add(TransitionMatrix.CONVERSION);
        labels.add(TransitionMatrix.NULL);
        for (int s = 1; s < stateCount; s++) {
            labels.add(label(s));
        }
        List<Transition> out = new ArrayList<>();
        for (int s = 0; s < stateCount; s++) {
            String from = label(s);
            for (int e = rowStart[s]; e < rowStart[s + 1]; e++) {
                out.add(new Transition(from, label(col[e]), prob[e], edgeWeight[e]));
            }
            if (convWeight[s] > 0) {
                out.add(new Transition(from, TransitionMatrix.CONVERSION, toConversion[s], convWeight[s]));
            }
            if (nullWeight[s] > 0) {
                out.add(new Transition(from, TransitionMatrix.NULL, toNull[s], nullWeight[s]));
            }
        }
        return new TransitionMatrix(labels, out);
    }
}
