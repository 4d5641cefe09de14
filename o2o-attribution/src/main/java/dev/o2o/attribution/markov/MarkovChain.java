package dev.o2o.attribution.markov;

import dev.o2o.attribution.journey.JourneySet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fitted absorbing Markov chain over channel windows with exact removal effects.
 *
 * <p>Fitting takes three steps: {@link TransitionCounts} (the mergeable sufficient statistic), canonical numbering
 * of the states (by channel ids, so results do not depend on input order) and solving. The conversion probability
 * from the start state solves {@code x = P x + b} over the transient states ({@code b} = one-step conversion
 * probability) by Gauss-Seidel iteration until no value changes by more than 1e-15; {@link #errorBound()} then
 * bounds the absolute error of every solved probability by the residual times the largest expected number of steps
 * to absorption. The removal effect of channel {@code c} is {@code 1 - P'(conversion) / P(conversion)} where in
 * {@code P'} every state containing {@code c} leads to the null state.
 *
 * <p>The chain keeps only the channel ids, the removal effects and the sparse transition matrix, not the journeys.
 * Immutable and thread-safe.
 */
public final class MarkovChain {

    private final MarkovOptions options;
    private final List<String> channels;
    private final CanonicalChain chain;
    private final double conversionProbability;
    private final double[] removalEffects;
    /** Whether the channel appears in a state of the chain, i.e. in a counted path. */
    private final boolean[] present;
    private final double errorBound;
    private final double totalConversions;
    private final double totalValue;

    private MarkovChain(TransitionCounts counts) {
        this.options = counts.options();
        this.channels = counts.channels();
        this.totalConversions = counts.totalConversions();
        this.totalValue = counts.totalValue();
        this.chain = new CanonicalChain(counts);
        AbsorbingSolver solver = new AbsorbingSolver(chain);
        int states = chain.stateCount;
        double[] x = new double[states];
        conversionProbability = solver.solve(new boolean[states], x);
        double[] baseX = x.clone();
        removalEffects = new double[channels.size()];
        present = new boolean[channels.size()];
        for (int[] st : chain.stateChannels) {
            for (int c : st) {
                present[c] = true;
            }
        }
        if (conversionProbability > 0) {
            boolean[] removed = new boolean[states];
            for (int c = 0; c < channels.size(); c++) {
                if (!present[c]) {
                    continue;
                }
                // warm start from the full chain's solution: states that cannot reach c keep their value
                for (int s = 0; s < states; s++) {
                    removed[s] = contains(chain.stateChannels[s], c);
                    x[s] = removed[s] ? 0 : baseX[s];
                }
                double p = solver.solve(removed, x);
                removalEffects[c] = Math.max(0, 1 - p / conversionProbability);
            }
        }
        errorBound = solver.errorBound();
    }

    private static boolean contains(int[] a, int c) {
        for (int v : a) {
            if (v == c) {
                return true;
            }
        }
        return false;
    }

    /** Counts the journeys, then fits the chain and computes all removal effects. */
    public static MarkovChain fit(JourneySet journeys, MarkovOptions options) {
        return fit(TransitionCounts.of(journeys, options));
    }

    /** Fits the chain to counted (possibly merged) transitions and computes all removal effects. */
    public static MarkovChain fit(TransitionCounts counts) {
        return new MarkovChain(Objects.requireNonNull(counts, "counts"));
    }

    /** The options used. */
    public MarkovOptions options() {
        return options;
    }

    /** Channel ids in the order of the counts (for a chain fitted to one journey set: its channel index order). */
    public List<String> channels() {
        return channels;
    }

    /** Probability of reaching the conversion state from the start state. */
    public double conversionProbability() {
        return conversionProbability;
    }

    /**
     * A bound on the absolute error of {@link #conversionProbability()} and of every conversion probability behind
     * the removal effects (a removal effect is off by at most about {@code 2 * errorBound() / conversionProbability()}).
     */
    public double errorBound() {
        return errorBound;
    }

    /** Number of channel-window states (without start, conversion and null). */
    public int stateCount() {
        return chain.stateCount - 1;
    }

    /** Conversions of the journeys the chain was fitted to. */
    public double totalConversions() {
        return totalConversions;
    }

    /** Conversion value of the journeys the chain was fitted to. */
    public double totalValue() {
        return totalValue;
    }

    /** Removal effect of channel {@code channelId} (0 for a channel that appears in no weighted journey). */
    public double removalEffect(String channelId) {
        int idx = channels.indexOf(channelId);
        return idx >= 0 ? removalEffects[idx] : 0;
    }

    /**
     * The removal effect of every channel that appears in a counted path, in the order of {@link #channels()}. A
     * channel of the journey set that appears in no counted path (with non-converting paths left out: in no converting
     * path) is not a state of the chain and is not listed.
     */
    public Map<String, Double> removalEffects() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int c = 0; c < removalEffects.length; c++) {
            if (present[c]) {
                m.put(channels.get(c), removalEffects[c]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private String label(int s) {
        if (s == 0) {
            return TransitionMatrix.START;
        }
        StringBuilder sb = new StringBuilder();
        for (int c : chain.stateChannels[s]) {
            if (sb.length() > 0) {
                sb.append(" > ");
            }
            sb.append(channels.get(c));
        }
        return sb.toString();
    }

    /** The transition matrix, including transitions into the conversion and null states. */
    public TransitionMatrix transitionMatrix() {
        List<String> labels = new ArrayList<>(chain.stateCount + 2);
        labels.add(TransitionMatrix.START);
        labels.add(TransitionMatrix.CONVERSION);
        labels.add(TransitionMatrix.NULL);
        for (int s = 1; s < chain.stateCount; s++) {
            labels.add(label(s));
        }
        List<Transition> out = new ArrayList<>();
        for (int s = 0; s < chain.stateCount; s++) {
            String from = label(s);
            for (int e = chain.rowStart[s]; e < chain.rowStart[s + 1]; e++) {
                out.add(new Transition(from, label(chain.col[e]), chain.prob[e], chain.edgeWeight[e]));
            }
            if (chain.convWeight[s] > 0) {
                out.add(new Transition(from, TransitionMatrix.CONVERSION, chain.toConversion[s], chain.convWeight[s]));
            }
            if (chain.nullWeight[s] > 0) {
                out.add(new Transition(from, TransitionMatrix.NULL, chain.toNull[s], chain.nullWeight[s]));
            }
        }
        return new TransitionMatrix(labels, out);
    }
}
