package dev.o2o.recommend;

import dev.o2o.recommend.Interactions.History;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The top-K search shared by every model: candidates (all items, or those offered within the
 * radius), eligibility, consumed items, distance decay and the diversity cap, all applied while
 * selecting. Subclasses say how to score.
 *
 * <p>Immutable subclasses make thread-safe models: a query allocates its own buffers. Models are
 * {@link java.io.Serializable} so a Spark job can broadcast them (o2o-spark); one that holds a
 * caller's function (popularity by group, content) serializes only if that function does.
 */
abstract class AbstractModel implements Model, Serializable {

    private static final long serialVersionUID = 1L;

    /** What a model knows about the customer being scored. */
    record Customer(int index, History history, double[] vector) {
    }

    final Interactions data;
    private final String name;

    AbstractModel(String name, Interactions data) {
        this.name = name;
        this.data = data;
    }

    /** The state of a customer seen at fit time. */
    Customer customer(int index) {
        return new Customer(index, data.history(index), null);
    }

    /** The state of a new customer from a history in item-index space. */
    Customer foldIn(History history) {
        return new Customer(-1, history, null);
    }

    /** Scores of every item into {@code out} (length itemCount). */
    abstract void scoreAll(Customer customer, double[] out);

    /** Scores of the given items; by default through {@link #scoreAll}. */
    void scoreItems(Customer customer, int[] items, int count, double[] out) {
        double[] all = new double[data.itemCount()];
        scoreAll(customer, all);
        for (int k = 0; k < count; k++) {
            out[k] = all[items[k]];
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Interactions interactions() {
        return data;
    }

    int requireCustomer(String customer) {
        int c = data.customerIndex(customer);
        if (c < 0) {
            throw new IllegalArgumentException("customer '" + customer
                    + "' has no interaction in the training data: fold them in with recommendFor(history, query)");
        }
        return c;
    }

    History historyOf(Map<String, Double> history) {
        Objects.requireNonNull(history, "history");
        int[] items = new int[history.size()];
        double[] weights = new double[history.size()];
        int n = 0;
        for (Map.Entry<String, Double> e : history.entrySet()) {
            double w = Objects.requireNonNull(e.getValue(), "weight");
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weight of history item '" + e.getKey()
                        + "' must be finite and not negative: " + w);
            }
            int i = data.itemIndex(e.getKey());
            if (i >= 0) {
                items[n] = i;
                weights[n] = w;
                n++;
            }
        }
        long[] keys = new long[n];
        for (int k = 0; k < n; k++) {
            keys[k] = ((long) items[k] << 32) | k;
        }
        Arrays.sort(keys);
        int[] sortedItems = new int[n];
        double[] sortedWeights = new double[n];
        for (int k = 0; k < n; k++) {
            sortedItems[k] = (int) (keys[k] >>> 32);
            sortedWeights[k] = weights[(int) keys[k]];
        }
        return new History(sortedItems, sortedWeights);
    }

    @Override
    public List<Recommendation> recommend(String customer, Query query) {
        Objects.requireNonNull(query, "query");
        return search(customer(requireCustomer(customer)), query);
    }

    @Override
    public List<Recommendation> recommendFor(Map<String, Double> history, Query query) {
        Objects.requireNonNull(query, "query");
        return search(foldIn(historyOf(history)), query);
    }

    @Override
    public double[] scores(String customer, List<String> items) {
        Customer c = customer(requireCustomer(customer));
        int[] idx = new int[items.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = data.itemIndex(items.get(k));
            if (idx[k] < 0) {
                throw new IllegalArgumentException("item '" + items.get(k) + "' has no interaction in the training data");
            }
        }
        double[] out = new double[idx.length];
        scoreItems(c, idx, idx.length, out);
        return out;
    }

    /**
     * For models whose scores are not sums over history items: the arguments checked as the other
     * models check them, and no contributions.
     */
    @Override
    public List<Contribution> explain(String customer, String item, int limit) {
        requireCustomer(customer);
        if (data.itemIndex(item) < 0) {
            throw new IllegalArgumentException("item '" + item + "' has no interaction in the training data");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return List.of();
    }

    /**
     * Contributions w_j · m(j, item) over the history of a customer seen at fit time, largest first
     * (ties: lower index), each with the store of the customer's latest event with j.
     */
    static List<Contribution> topContributions(Interactions data, int customer, History h, double[] contributions,
                                               int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        Integer[] order = new Integer[h.items().length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(contributions[b], contributions[a]);
            return c != 0 ? c : Integer.compare(h.items()[a], h.items()[b]);
        });
        List<Contribution> out = new ArrayList<>();
        for (int k = 0; k < Math.min(limit, order.length); k++) {
            int j = h.items()[order[k]];
            out.add(new Contribution(data.itemId(j), contributions[order[k]], data.store(customer, j)));
        }
        return out;
    }

    /**
     * A search that skips candidates which provably cannot enter the list (for example by a bound
     * on their scores), filling {@code heap}; false if this model has none for this customer and
     * query, and every candidate must be scored.
     */
    boolean searchPruned(Customer customer, Query query, RuleHeap heap) {
        return false;
    }

    private List<Recommendation> search(Customer customer, Query query) {
        int[] history = customer.history().items();
        java.util.function.IntPredicate admissible = i -> (query.includeConsumed()
                || Arrays.binarySearch(history, i) < 0) && query.eligible().test(data.itemId(i));
        if (query.diversity().isPresent()) {
            return searchDiverse(customer, query, admissible);
        }
        RuleHeap heap = new RuleHeap(query.k(), admissible, data.itemCount());
        if (!searchPruned(customer, query, heap)) {
            Scored all = scoreCandidates(customer, query, null);
            for (int k = 0; k < all.count; k++) {
                offerChecked(heap, all.items[k], all.modelScores[k], all.ranking[k], all.distance(k));
            }
        }
        int size = heap.size();
        int[] items = new int[size];
        double[] ranking = new double[size];
        double[] modelScores = new double[size];
        double[] distances = new double[size];
        heap.drain(items, ranking, modelScores, distances);
        List<Recommendation> out = new ArrayList<>(size);
        for (int r = 0; r < size; r++) {
            out.add(new Recommendation(data.itemId(items[r]), ranking[r], modelScores[r],
                    query.nearby().isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(distances[r])));
        }
        return out;
    }

    /**
     * Offers a scored candidate to the heap; a NaN model score is an error if the item could be
     * listed (the rules pass), as it would make the ranking meaningless.
     */
    final void offerChecked(RuleHeap heap, int item, double modelScore, double ranking, double distance) {
        if (Double.isNaN(modelScore)) {
            if (heap.admits(item)) {
                throw new IllegalStateException("model " + name + " produced a NaN score for item '"
                        + data.itemId(item) + "'");
            }
            return;
        }
        heap.offer(item, ranking, modelScore, distance);
    }

    /** Candidates with their model and ranking scores (and distances when the query has a position). */
    private record Scored(int[] items, double[] modelScores, double[] ranking, double[] distances, int count) {
        double distance(int k) {
            return distances == null ? 0.0 : distances[k];
        }
    }

    /**
     * Every candidate (all items, or those offered within the radius) scored; with
     * {@code admissible} given, only candidates that pass it, in candidate order.
     */
    private Scored scoreCandidates(Customer customer, Query query, java.util.function.IntPredicate admissible) {
        int n = data.itemCount();
        int[] candidates;
        double[] distances = null;
        int count;
        if (query.nearby().isPresent()) {
            Query.Nearby near = query.nearby().get();
            Availability.Candidates found = near.availability().nearby(data, near.position(), near.radiusMetres());
            candidates = found.items();
            distances = found.distances();
            count = found.count();
        } else {
            candidates = new int[n];
            for (int i = 0; i < n; i++) {
                candidates[i] = i;
            }
            count = n;
        }
        int kept = count;
        if (admissible != null) {
            kept = 0;
            for (int k = 0; k < count; k++) {
                if (admissible.test(candidates[k])) {
                    candidates[kept] = candidates[k];
                    if (distances != null) {
                        distances[kept] = distances[k];
                    }
                    kept++;
                }
            }
        }
        double[] modelScores = new double[kept];
        // scoreAll writes in item order: only when the candidates are every item in that order
        // (near a position they come grouped by store, nearest first, whatever their count)
        if (kept == n && distances == null) {
            scoreAll(customer, modelScores);
        } else {
            scoreItems(customer, candidates, kept, modelScores);
        }
        double[] ranking = modelScores;
        if (distances != null) {
            Query.Nearby near = query.nearby().get();
            ranking = new double[kept];
            // candidates come grouped by store, nearest first: one decay factor per distance
            double lastDistance = Double.NaN;
            double factor = 1;
            for (int k = 0; k < kept; k++) {
                if (distances[k] != lastDistance) {
                    lastDistance = distances[k];
                    factor = near.factor(lastDistance);
                }
                ranking[k] = Query.Nearby.scaled(modelScores[k], factor);
            }
        }
        return new Scored(candidates, modelScores, ranking, distances, kept);
    }

    /** The search under a diversity cap: every admissible candidate is ranked, then taken in order. */
    private List<Recommendation> searchDiverse(Customer customer, Query query,
                                               java.util.function.IntPredicate admissible) {
        Scored s = scoreCandidates(customer, query, admissible);
        for (int k = 0; k < s.count; k++) {
            if (Double.isNaN(s.modelScores[k])) {
                throw new IllegalStateException("model " + name + " produced a NaN score for item '"
                        + data.itemId(s.items[k]) + "'");
            }
        }
        int[] chosen = TopK.select(s.ranking, s.items, s.count, query.k(),
                new GroupCap(query.diversity().get(), data));
        List<Recommendation> out = new ArrayList<>(chosen.length);
        for (int pos : chosen) {
            out.add(new Recommendation(data.itemId(s.items[pos]), s.ranking[pos], s.modelScores[pos],
                    s.distances == null ? OptionalDouble.empty() : OptionalDouble.of(s.distances[pos])));
        }
        return out;
    }

    /** The diversity cap as seen by the selection: counts per group within one list. */
    private static final class GroupCap implements TopK.Groups {
        private final Query.Diversity diversity;
        private final Interactions data;
        private final Map<String, Integer> counts = new HashMap<>();

        GroupCap(Query.Diversity diversity, Interactions data) {
            this.diversity = diversity;
            this.data = data;
        }

        @Override
        public boolean tryTake(int item) {
            String group = Objects.requireNonNull(diversity.groupOf().apply(data.itemId(item)),
                    "group of item '" + data.itemId(item) + "'");
            int c = counts.getOrDefault(group, 0);
            if (c >= diversity.maxPerGroup()) {
                return false;
            }
            counts.put(group, c + 1);
            return true;
        }
    }
}
