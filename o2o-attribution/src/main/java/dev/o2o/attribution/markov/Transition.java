package dev.o2o.attribution.markov;

import java.util.Objects;

/**
 * One entry of a transition matrix.
 *
 * @param from        source state label
 * @param to          target state label
 * @param probability transition probability, in (0, 1]
 * @param weight      the journey weight (conversions plus non-conversions) behind the transition
 *
 * <p>Immutable and thread-safe.
 */
public record Transition(String from, String to, double probability, double weight) {

    /** Validates the entry. */
    public Transition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!(probability > 0 && probability <= 1 + 1e-12)) {
            throw new IllegalArgumentException("probability must be in (0, 1]: " + probability);
        }
    }
}
