package dev.o2o.recommend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A weighted blend: the score is {@code Σ w_m s_m} over the member models' raw scores, so the
 * weights carry the models' scales (for example, weight popularity by 1/total weight to bring
 * it near the others). Immutable and thread-safe.
 */
final class BlendModel extends AbstractModel {

    private final AbstractModel[] members;
    private final double[] weights;

    private BlendModel(Interactions data, AbstractModel[] members, double[] weights) {
        super("blend", data);
        this.members = members;
        this.weights = weights;
    }

    @Override
    void scoreAll(Customer customer, double[] out) {
        java.util.Arrays.fill(out, 0.0);
        double[] part = new double[out.length];
        for (int m = 0; m < members.length; m++) {
            members[m].scoreAll(memberCustomer(m, customer), part);
            for (int i = 0; i < out.length; i++) {
                out[i] += weights[m] * part[i];
            }
        }
    }

    @Override
    void scoreItems(Customer customer, int[] items, int count, double[] out) {
        java.util.Arrays.fill(out, 0, count, 0.0);
        double[] part = new double[count];
        for (int m = 0; m < members.length; m++) {
            members[m].scoreItems(memberCustomer(m, customer), items, count, part);
            for (int k = 0; k < count; k++) {
                out[k] += weights[m] * part[k];
            }
        }
    }

    private Customer memberCustomer(int m, Customer c) {
        return c.index() >= 0 ? members[m].customer(c.index()) : members[m].foldIn(c.history());
    }

    /**
     * The blend's members and weights.
     *
     * @param members recommenders (built-ins) with their weights, finite
     */
    record Algorithm(Map<Recommender, Double> members) implements Recommender {
        Algorithm {
            Objects.requireNonNull(members, "members");
            if (members.isEmpty()) {
                throw new IllegalArgumentException("a blend needs at least one member");
            }
            members.forEach((r, w) -> {
                Objects.requireNonNull(r, "member");
                if (!Double.isFinite(Objects.requireNonNull(w, "weight"))) {
                    throw new IllegalArgumentException("weight of " + r.name() + " must be finite: " + w);
                }
            });
            members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        @Override
        public String name() {
            return "blend";
        }

        @Override
        public Map<String, Object> params() {
            Map<String, Object> p = new LinkedHashMap<>();
            members.forEach((r, w) -> p.put(r.name(), w));
            return p;
        }

        @Override
        public Model fit(Interactions interactions) {
            Objects.requireNonNull(interactions, "interactions");
            List<AbstractModel> fitted = new ArrayList<>();
            double[] w = new double[members.size()];
            int k = 0;
            for (Map.Entry<Recommender, Double> e : members.entrySet()) {
                Model m = e.getKey().fit(interactions);
                if (!(m instanceof AbstractModel am)) {
                    throw new IllegalArgumentException("blend members must be built-in recommenders: " + m.name());
                }
                fitted.add(am);
                w[k++] = e.getValue();
            }
            return new BlendModel(interactions, fitted.toArray(new AbstractModel[0]), w);
        }
    }
}
