package dev.o2o.recommend;

import java.util.Objects;
import java.util.Optional;

/**
 * Why an item was recommended: one item of the customer's history and how much of the score it
 * contributed, and where ("because you bought X at store Y").
 *
 * <p>Immutable and thread-safe.
 *
 * @param historyItem  an item the customer interacted with
 * @param contribution its part of the model score (the scores of item-kNN and EASE are sums of
 *                     these over the history)
 * @param store        the store of the customer's most recent event with {@code historyItem} that
 *                     named one (see {@link Interactions#store}); empty if unknown
 */
public record Contribution(String historyItem, double contribution, Optional<String> store) {

    public Contribution {
        Objects.requireNonNull(historyItem, "historyItem");
        Objects.requireNonNull(store, "store");
    }

    /** A contribution at no known store. */
    public Contribution(String historyItem, double contribution) {
        this(historyItem, contribution, Optional.empty());
    }
}
