package dev.o2o.recommend;

import dev.o2o.recommend.Interactions.History;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Item-based kNN: shrunk cosine similarity between item columns,
 * {@code sim(i, j) = x_i·x_j / (|x_i| |x_j| + shrink)}; each item keeps its {@code neighbours}
 * most similar other items with a positive similarity (ties: lower index), and a customer's
 * score for item i is {@code Σ_j x_uj sim(j, i)} over their history items j (ascending index).
 * Immutable and thread-safe.
 */
final class ItemKnnModel extends AbstractModel {

    /** Neighbour lists per item j: indices and similarities, in CSR layout. */
    private final int[] ptr;
    private final int[] neighbour;
    private final double[] similarity;

    private ItemKnnModel(Interactions data, int neighbours, double shrink) {
        super("itemknn", data);
        int n = data.itemCount();
        double[] norms = new double[n];
        for (int p = 0; p < data.rowItems.length; p++) {
            norms[data.rowItems[p]] += data.rowWeights[p] * data.rowWeights[p];
        }
        for (int i = 0; i < n; i++) {
            norms[i] = Math.sqrt(norms[i]);
        }
        ptr = new int[n + 1];
        int[] nb = new int[(int) Math.max(16, Math.min((long) n * neighbours, 1 << 20))];
        double[] sim = new double[nb.length];
        double[] dot = new double[n];
        int[] touched = new int[n];
        boolean[] seen = new boolean[n];
        int[] order = new int[n];
        double[] orderSim = new double[n];
        int size = 0;
        for (int j = 0; j < n; j++) {
            int t = 0;
            for (int q = data.colPtr[j]; q < data.colPtr[j + 1]; q++) {
                int c = data.colCustomers[q];
                double wj = data.colWeights[q];
                for (int p = data.rowPtr[c]; p < data.rowPtr[c + 1]; p++) {
                    int i = data.rowItems[p];
                    if (!seen[i]) {
                        seen[i] = true;
                        touched[t++] = i;
                    }
                    dot[i] += wj * data.rowWeights[p];
                }
            }
            int kept = 0;
            for (int a = 0; a < t; a++) {
                int i = touched[a];
                double s = dot[i] / (norms[j] * norms[i] + shrink);
                if (i != j && s > 0) {
                    order[kept] = i;
                    orderSim[kept] = s;
                    kept++;
                }
            }
            int take = Math.min(neighbours, kept);
            int[] best = TopK.select(orderSim, order, kept, take, null);
            if (size + take > nb.length) {
                nb = Arrays.copyOf(nb, Math.max(nb.length * 2, size + take));
                sim = Arrays.copyOf(sim, nb.length);
            }
            for (int b : best) {
                nb[size] = order[b];
                sim[size] = orderSim[b];
                size++;
            }
            ptr[j + 1] = size;
            for (int a = 0; a < t; a++) {
                dot[touched[a]] = 0;
                seen[touched[a]] = false;
            }
        }
        neighbour = Arrays.copyOf(nb, size);
        similarity = Arrays.copyOf(sim, size);
    }

    @Override
    void scoreAll(Customer customer, double[] out) {
        Arrays.fill(out, 0.0);
        History h = customer.history();
        for (int k = 0; k < h.items().length; k++) {
            int j = h.items()[k];
            double w = h.weights()[k];
            for (int p = ptr[j]; p < ptr[j + 1]; p++) {
                out[neighbour[p]] += w * similarity[p];
            }
        }
    }

    private double similarity(int j, int i) {
        for (int p = ptr[j]; p < ptr[j + 1]; p++) {
            if (neighbour[p] == i) {
                return similarity[p];
            }
        }
        return 0.0;
    }

    @Override
    public java.util.List<Contribution> explain(String customer, String item, int limit) {
        int cu = requireCustomer(customer);
        History h = customer(cu).history();
        int i = data.itemIndex(item);
        if (i < 0) {
            throw new IllegalArgumentException("item '" + item + "' has no interaction in the training data");
        }
        double[] c = new double[h.items().length];
        for (int k = 0; k < c.length; k++) {
            c[k] = h.weights()[k] * similarity(h.items()[k], i);
        }
        return topContributions(data, cu, h, c, limit);
    }

    record Algorithm(int neighbours, double shrink) implements Recommender {
        Algorithm {
            if (neighbours < 1) {
                throw new IllegalArgumentException("neighbours must be at least 1: " + neighbours);
            }
            if (!(shrink >= 0) || Double.isInfinite(shrink)) {
                throw new IllegalArgumentException("shrink must be finite and >= 0: " + shrink);
            }
        }

        @Override
        public String name() {
            return "itemknn";
        }

        @Override
        public Map<String, Object> params() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("neighbours", neighbours);
            p.put("shrink", shrink);
            return p;
        }

        @Override
        public Model fit(Interactions interactions) {
            return new ItemKnnModel(Objects.requireNonNull(interactions, "interactions"), neighbours, shrink);
        }
    }
}
