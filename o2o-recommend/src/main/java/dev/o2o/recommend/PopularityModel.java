package dev.o2o.recommend;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Popularity: an item's score is its total weight, globally or within the customer's group
 * (home store, region). A group's score is its total plus a tie-breaking fraction of the global
 * total (below half the smallest step between the group's distinct totals, so it never reorders
 * them, whatever the weights' scale), so items the group never touched still come in global order
 * after the group's items. Immutable and thread-safe.
 */
final class PopularityModel extends AbstractModel {

    private final double[] global;
    private final Map<String, double[]> byGroup;
    /** The caller's grouping, or null for global popularity (a field of type Optional would not serialize). */
    private final Function<String, Optional<String>> groupOf;

    private PopularityModel(Interactions data, Optional<Function<String, Optional<String>>> groupOf) {
        super(groupOf.isPresent() ? "popularity-by-group" : "popularity", data);
        this.global = data.itemTotals();
        for (int i = 0; i < global.length; i++) {
            if (global[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("popularity: the total weight of item '" + data.itemId(i)
                        + "' over all customers overflows to Infinity");
            }
        }
        this.groupOf = groupOf.orElse(null);
        this.byGroup = new HashMap<>();
        if (groupOf.isPresent()) {
            double max = 0;
            for (double g : global) {
                max = Math.max(max, g);
            }
            for (int c = 0; c < data.customerCount(); c++) {
                Optional<String> g = Objects.requireNonNull(groupOf.get().apply(data.customerId(c)), "group");
                if (g.isEmpty()) {
                    continue;
                }
                double[] totals = byGroup.computeIfAbsent(g.get(), k -> new double[global.length]);
                for (int p = data.rowPtr[c]; p < data.rowPtr[c + 1]; p++) {
                    totals[data.rowItems[p]] += data.rowWeights[p];
                }
            }
            for (double[] totals : byGroup.values()) {
                // global totals scaled below half the smallest step between the group's distinct
                // totals (from 0, and at most one unit) only order the group's ties
                double scale = max > 0 ? 0.5 * Math.min(1.0, smallestStep(totals)) / max : 0;
                for (int i = 0; i < totals.length; i++) {
                    totals[i] += global[i] * scale;
                }
            }
        }
    }

    /** The smallest positive difference between distinct values of {@code totals} and 0; infinite if all are 0. */
    private static double smallestStep(double[] totals) {
        double[] sorted = totals.clone();
        Arrays.sort(sorted);
        double step = Double.POSITIVE_INFINITY;
        double previous = 0;
        for (double t : sorted) {
            if (t > previous) {
                step = Math.min(step, t - previous);
                previous = t;
            }
        }
        return step;
    }

    private double[] table(Customer customer) {
        if (customer.index() < 0 || groupOf == null) {
            return global;
        }
        Optional<String> g = groupOf.apply(data.customerId(customer.index()));
        return g.map(byGroup::get).orElse(global);
    }

    @Override
    void scoreAll(Customer customer, double[] out) {
        System.arraycopy(table(customer), 0, out, 0, out.length);
    }

    @Override
    void scoreItems(Customer customer, int[] items, int count, double[] out) {
        double[] t = table(customer);
        for (int k = 0; k < count; k++) {
            out[k] = t[items[k]];
        }
    }

    record Algorithm(Optional<Function<String, Optional<String>>> groupOf) implements Recommender {
        Algorithm {
            Objects.requireNonNull(groupOf, "groupOf");
        }

        @Override
        public String name() {
            return groupOf.isPresent() ? "popularity-by-group" : "popularity";
        }

        @Override
        public Map<String, Object> params() {
            return new LinkedHashMap<>();
        }

        @Override
        public Model fit(Interactions interactions) {
            return new PopularityModel(Objects.requireNonNull(interactions, "interactions"), groupOf);
        }
    }
}
