package dev.o2o.recommend;

import java.util.Objects;

/**
 * Why an item was recommended: one item of the customer's history and how much of the score it
 * contributed ("because you bought X").
 *
 * <p>Immutable and thread-safe.
 *
 * @param historyItem  an item the customer interacted with
 * @param contribution its part of the model score (the scores of item-kNN and EASE are sums of
 *                     these over the history)
 */
public record Contribution(String historyItem, double contribution) {

    public Contribution {
        Objects.requireNonNull(historyItem, "historyItem");
    }
}
