package dev.o2o.recommend;

import dev.o2o.recommend.Interactions.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): with the Gram
 * matrix {@code G = XᵀX + λI} and {@code P = G⁻¹}, the item-item weights are
 * {@code B = I − P·diag(1/diag(P))}, that is {@code B_ji = −P_ji / P_ii} and {@code B_ii = 0}.
 * A customer's score for item i is {@code Σ_j x_uj B_ji} over their history (ascending index),
 * so fold-in of a new customer needs only their history.
 *
 * <p>{@link EaseFit} computes B, by the Woodbury (dual) form when there are fewer customers than
 * items and by EJML's SPD inverse otherwise. Memory: one or two dense n×n double matrices while
 * fitting; after it, B (8n² bytes) and its int8 copy for the top-K search ({@link Int8Bounds}, n²
 * bytes more, an eighth of B). Immutable and thread-safe.
 */
final class EaseModel extends AbstractModel {

    /** B in row-major order: row j holds the weights from history item j to every item. */
    private final double[] weights;
    private final int n;

    /** The int8 copy of B that bounds every item's score, so few items are scored from B. */
    private final Int8Bounds bounds;

    private EaseModel(Interactions data, double lambda) {
        this(data, EaseFit.weights(data, lambda));
    }

    /** A model over given weights (row-major n×n, n the item count): for tests of the search. */
    EaseModel(Interactions data, double[] weights) {
        super("ease", data);
        n = data.itemCount();
        if (weights.length != n * n) {
            throw new IllegalArgumentException("weights must hold " + n + "×" + n + " values: " + weights.length);
        }
        this.weights = weights;
        bounds = new Int8Bounds(weights, n);
    }

    /** One item's score, with exactly the arithmetic of {@link #scoreAll} (same terms, same order). */
    private double score(History h, int item) {
        double s = 0.0;
        for (int q = 0; q < h.items().length; q++) {
            s += h.weights()[q] * weights[h.items()[q] * n + item];
        }
        return s;
    }

    @Override
    boolean searchPruned(Customer customer, Query query, RuleHeap heap) {
        return bounds.search(this, customer.history(), query, heap, this::score);
    }

    @Override
    void scoreAll(Customer customer, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        History h = customer.history();
        for (int k = 0; k < h.items().length; k++) {
            int row = h.items()[k] * n;
            double w = h.weights()[k];
            for (int i = 0; i < n; i++) {
                out[i] += w * weights[row + i];
            }
        }
    }

    @Override
    void scoreItems(Customer customer, int[] items, int count, double[] out) {
        History h = customer.history();
        if (count > n / 16) {
            // many candidates: streaming whole rows of B beats gathering scattered columns
            double[] all = new double[n];
            scoreAll(customer, all);
            for (int k = 0; k < count; k++) {
                out[k] = all[items[k]];
            }
            return;
        }
        for (int k = 0; k < count; k++) {
            out[k] = score(h, items[k]);
        }
    }

    @Override
    public List<Contribution> explain(String customer, String item, int limit) {
        int cu = requireCustomer(customer);
        History h = customer(cu).history();
        int i = data.itemIndex(item);
        if (i < 0) {
            throw new IllegalArgumentException("item '" + item + "' has no interaction in the training data");
        }
        double[] c = new double[h.items().length];
        for (int k = 0; k < c.length; k++) {
            c[k] = h.weights()[k] * weights[h.items()[k] * n + i];
        }
        return topContributions(data, cu, h, c, limit);
    }

    record Algorithm(double lambda) implements Recommender {
        Algorithm {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be finite and >= 0: " + lambda);
            }
        }

        @Override
        public String name() {
            return "ease";
        }

        @Override
        public Map<String, Object> params() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("lambda", lambda);
            return p;
        }

        @Override
        public Model fit(Interactions interactions) {
            return new EaseModel(Objects.requireNonNull(interactions, "interactions"), lambda);
        }
    }
}
