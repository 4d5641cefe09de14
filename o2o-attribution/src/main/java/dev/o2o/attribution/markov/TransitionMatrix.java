package dev.o2o.attribution.markov;

import java.util.List;
import java.util.Objects;

/**
 * The sparse transition matrix of a fitted chain. State labels are {@value #START}, {@value #CONVERSION},
 * {@value #NULL} and channel windows such as {@code "a > b"}; states are ordered canonically (by channel ids), and
 * transitions by source then target.
 *
 * @param states      all state labels, the three special states first
 * @param transitions non-zero transitions
 *
 * <p>Immutable and thread-safe.
 */
public record TransitionMatrix(List<String> states, List<Transition> transitions) {

    /** Label of the start state. */
    public static final String START = "(start)";
    /** Label of the absorbing conversion state. */
    public static final String CONVERSION = "(conversion)";
    /** Label of the absorbing non-conversion state. */
    public static final String NULL = "(null)";

    /** Copies the lists. */
    public TransitionMatrix {
        states = List.copyOf(Objects.requireNonNull(states, "states"));
        transitions = List.copyOf(Objects.requireNonNull(transitions, "transitions"));
    }

    /** The probability of moving from {@code from} to {@code to} (0 when there is no such transition). */
    public double probability(String from, String to) {
        for (Transition t : transitions) {
            if (t.from().equals(from) && t.to().equals(to)) {
                return t.probability();
            }
        }
        return 0;
    }
}
