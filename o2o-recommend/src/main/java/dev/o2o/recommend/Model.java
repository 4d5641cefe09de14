package dev.o2o.recommend;

import java.util.List;
import java.util.Map;

/**
 * A fitted recommendation model: top-K lists and scores for the customers it was fitted on, and
 * for new customers folded in from their history without refitting.
 *
 * <p>Scores are dimensionless and comparable only within one model. Score ties are broken by
 * the item's index in {@link #interactions()} (first appearance in the training events).
 *
 * <p>Thread-safe: a fitted model is immutable and answers concurrent queries. The built-in models
 * are {@link java.io.Serializable} (a Spark job broadcasts them, o2o-spark's {@code RecommendJob});
 * popularity by group and content models serialize only if the caller's function does.
 */
public interface Model {

    /** The model's name, for example {@code "ease"}. */
    String name();

    /** The training data the model was fitted on. */
    Interactions interactions();

    /**
     * The best items for a customer seen at fit time, under the query's rules; an empty list if
     * no item passes them.
     *
     * @throws IllegalArgumentException if the customer was not in the training data (use
     *                                  {@link #recommendFor(Map, Query)} for new customers)
     */
    List<Recommendation> recommend(String customer, Query query);

    /**
     * The best items for a customer not seen at fit time, from their history (item id → weight;
     * items unknown to the model are ignored, as they carry no signal for it). Consumed items
     * are the history's items.
     */
    List<Recommendation> recommendFor(Map<String, Double> history, Query query);

    /**
     * The model scores of the given items for a customer seen at fit time, in the order given.
     *
     * @throws IllegalArgumentException naming the customer or the first item unknown to the model
     */
    double[] scores(String customer, List<String> items);

    /**
     * The history items that contributed most to a customer's score for an item, largest first,
     * at most {@code limit}; empty for models whose scores are not sums over history items.
     *
     * @throws IllegalArgumentException naming the customer or item unknown to the model, or a
     *                                  limit below 1
     */
    List<Contribution> explain(String customer, String item, int limit);
}
