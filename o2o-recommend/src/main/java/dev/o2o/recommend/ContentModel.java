package dev.o2o.recommend;

import dev.o2o.recommend.Interactions.History;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Content-based scores: items are described by attributes (category, tags, price band,
 * merchant, as strings such as {@code "category:coffee"}); a customer's profile is the weighted
 * sum of the attribute vectors of their history, each item's vector of unit length (every
 * attribute 1/√|attributes|), plus their profile tags with weight {@code tagWeight}; an item's
 * score is the dot product of its unit vector with the profile. Items without attributes score 0.
 * Immutable and thread-safe.
 */
final class ContentModel extends AbstractModel {

    private final int[][] itemAttributes;
    private final double[] itemNorm;
    private final Map<String, Integer> attributeIndex;
    private final Function<String, Set<String>> profileTags;
    private final double tagWeight;

    private ContentModel(Interactions data, Map<String, Set<String>> attributes,
                         Function<String, Set<String>> profileTags, double tagWeight) {
        super("content", data);
        this.profileTags = profileTags;
        this.tagWeight = tagWeight;
        Map<String, Integer> index = new HashMap<>();
        itemAttributes = new int[data.itemCount()][];
        itemNorm = new double[data.itemCount()];
        for (int i = 0; i < data.itemCount(); i++) {
            Set<String> a = attributes.getOrDefault(data.itemId(i), Set.of());
            int[] ids = new int[a.size()];
            int k = 0;
            for (String name : a.stream().sorted().toList()) {
                Integer id = index.get(name);
                if (id == null) {
                    id = index.size();
                    index.put(name, id);
                }
                ids[k++] = id;
            }
            itemAttributes[i] = ids;
            itemNorm[i] = ids.length == 0 ? 0 : 1.0 / Math.sqrt(ids.length);
        }
        attributeIndex = Map.copyOf(index);
    }

    private double[] profile(Customer customer) {
        double[] p = new double[attributeIndex.size()];
        History h = customer.history();
        for (int k = 0; k < h.items().length; k++) {
            int i = h.items()[k];
            for (int a : itemAttributes[i]) {
                p[a] += h.weights()[k] * itemNorm[i];
            }
        }
        if (customer.index() >= 0) {
            for (String tag : Objects.requireNonNull(profileTags.apply(data.customerId(customer.index())), "tags")) {
                Integer a = attributeIndex.get(tag);
                if (a != null) {
                    p[a] += tagWeight;
                }
            }
        }
        return p;
    }

    @Override
    void scoreAll(Customer customer, double[] out) {
        int[] all = new int[out.length];
        Arrays.setAll(all, i -> i);
        scoreItems(customer, all, all.length, out);
    }

    @Override
    void scoreItems(Customer customer, int[] items, int count, double[] out) {
        double[] p = profile(customer);
        for (int k = 0; k < count; k++) {
            int i = items[k];
            double s = 0;
            for (int a : itemAttributes[i]) {
                s += p[a];
            }
            out[k] = s * itemNorm[i];
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
            int j = h.items()[k];
            int shared = 0;
            for (int a : itemAttributes[j]) {
                if (Arrays.stream(itemAttributes[i]).anyMatch(b -> b == a)) {
                    shared++;
                }
            }
            c[k] = h.weights()[k] * itemNorm[j] * itemNorm[i] * shared;
        }
        return topContributions(data, cu, h, c, limit);
    }

    record Algorithm(Map<String, Set<String>> attributes, Function<String, Set<String>> profileTags, double tagWeight)
            implements Recommender {
        Algorithm {
            Map<String, Set<String>> copy = new HashMap<>();
            Objects.requireNonNull(attributes, "attributes").forEach((item, a) -> copy.put(item, Set.copyOf(a)));
            attributes = Map.copyOf(copy);
            Objects.requireNonNull(profileTags, "profileTags");
            if (!(tagWeight >= 0) || Double.isInfinite(tagWeight)) {
                throw new IllegalArgumentException("tagWeight must be finite and >= 0: " + tagWeight);
            }
        }

        @Override
        public String name() {
            return "content";
        }

        @Override
        public Map<String, Object> params() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("attributes", (int) attributes.values().stream().flatMap(Set::stream).distinct().count());
            p.put("tagWeight", tagWeight);
            return p;
        }

        @Override
        public Model fit(Interactions interactions) {
            return new ContentModel(Objects.requireNonNull(interactions, "interactions"), attributes, profileTags,
                    tagWeight);
        }
    }
}
