package dev.o2o.attribution.markov;

/**
 * Options of the Markov-chain model.
 *
 * @param order                 1 to 4: states are sliding windows of this many channels (a shorter path is one state)
 * @param mergeRepeats          merge consecutive repeats of a channel before building states, so that consecutive
 *                              identical states collapse into one
 * @param includeNonConverting  weight transitions by conversions plus non-conversions (true, the default) or by
 *                              conversions only (false: non-converting journeys are excluded)
 *
 * <p>Immutable and thread-safe.
 */
public record MarkovOptions(int order, boolean mergeRepeats, boolean includeNonConverting) {

    /** Validates the options. */
    public MarkovOptions {
        if (order < 1 || order > 4) {
            throw new IllegalArgumentException("order must be between 1 and 4: " + order);
        }
    }

    /** Order 1, repeats kept, non-converting journeys included. */
    public static MarkovOptions defaults() {
        return new MarkovOptions(1, false, true);
    }

    /** These options with another order. */
    public MarkovOptions withOrder(int order) {
        return new MarkovOptions(order, mergeRepeats, includeNonConverting);
    }

    /** These options with repeat merging on or off. */
    public MarkovOptions withMergeRepeats(boolean merge) {
        return new MarkovOptions(order, merge, includeNonConverting);
    }

    /** These options including or excluding non-converting journeys. */
    public MarkovOptions withNonConverting(boolean include) {
        return new MarkovOptions(order, mergeRepeats, include);
    }
}
