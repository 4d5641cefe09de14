package dev.o2o.recommend;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The customer × item matrix of implicit feedback: interned ids and the matrix in compressed
 * sparse rows (per customer) and columns (per item), built in one pass over the events.
 *
 * <p>Customers and items are numbered 0.. in order of first appearance in the events; that
 * order also breaks score ties (the lower index first). Duplicate (customer, item) events are
 * summed (a sum that overflows to infinity is refused). Only customers and items with at least
 * one event exist, so every row and column has at least one entry (it may have weight 0 if every
 * event of it had weight 0).
 *
 * <p>Stores: per (customer, item) pair it keeps the store of the customer's most recent event
 * with that item that names a store (events without a store say nothing about where, so they do
 * not erase a known store); events at the same instant are ordered by store id and the lowest
 * wins. Store ids are interned; the cost is one {@code int} per pair, and nothing when no event
 * names a store.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class Interactions implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> customerIds;
    private final List<String> itemIds;
    private final Map<String, Integer> customerIndex;
    private final Map<String, Integer> itemIndex;
    final int[] rowPtr;
    final int[] rowItems;
    final double[] rowWeights;
    final int[] colPtr;
    final int[] colCustomers;
    final double[] colWeights;
    /** Interned store ids, indexed by the entries of {@link #pairStores}. */
    private final List<String> storeIds;
    /** Per pair in row order the store index, -1 if none; null when no event names a store. */
    private final int[] pairStores;

    private Interactions(List<String> customerIds, List<String> itemIds, Map<String, Integer> customerIndex,
                         Map<String, Integer> itemIndex, int[] rowPtr, int[] rowItems, double[] rowWeights,
                         List<String> storeIds, int[] pairStores) {
        this.storeIds = storeIds;
        this.pairStores = pairStores;
        this.customerIds = customerIds;
        this.itemIds = itemIds;
        this.customerIndex = customerIndex;
        this.itemIndex = itemIndex;
        this.rowPtr = rowPtr;
        this.rowItems = rowItems;
        this.rowWeights = rowWeights;
        int n = itemIds.size();
        colPtr = new int[n + 1];
        for (int i : rowItems) {
            colPtr[i + 1]++;
        }
        for (int i = 0; i < n; i++) {
            colPtr[i + 1] += colPtr[i];
        }
        colCustomers = new int[rowItems.length];
        colWeights = new double[rowItems.length];
        int[] next = Arrays.copyOf(colPtr, n);
        for (int c = 0; c < customerIds.size(); c++) {
            for (int p = rowPtr[c]; p < rowPtr[c + 1]; p++) {
                int slot = next[rowItems[p]]++;
                colCustomers[slot] = c;
                colWeights[slot] = rowWeights[p];
            }
        }
    }

    /** The matrix of the given events (at least one). */
    public static Interactions of(Iterable<Interaction> events) {
        Objects.requireNonNull(events, "events");
        Builder b = builder();
        for (Interaction e : events) {
            Objects.requireNonNull(e, "event");
            b.add(e);
        }
        return b.build();
    }

    /** A builder for large inputs: it keeps three primitive arrays instead of event objects. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects (customer, item, weight) triplets, interning ids as they come, up to
     * 2<sup>31</sup> − 9 events (the largest array; {@link #add} then throws
     * {@link IllegalStateException}). Not thread-safe; {@link #build()} may be called once.
     */
    public static final class Builder {
        /** The most events a builder holds: the largest array length the JVMs we run on allocate. */
        static final int MAX_EVENTS = Integer.MAX_VALUE - 8;

        private final Map<String, Integer> cIndex = new HashMap<>();
        private final Map<String, Integer> iIndex = new HashMap<>();
        private final List<String> cIds = new ArrayList<>();
        private final List<String> iIds = new ArrayList<>();
        private int[] cs = new int[1024];
        private int[] is = new int[1024];
        private double[] ws = new double[1024];
        private final Map<String, Integer> sIndex = new HashMap<>();
        private final List<String> sIds = new ArrayList<>();
        // allocated at the first event with a store: store index (-1 none) and instant per event
        private int[] ss;
        private long[] secs;
        private int[] nanos;
        private int size;
        private boolean built;

        private Builder() {
        }

        /** Adds one event; ids non-blank, weight finite and not negative. */
        public Builder add(String customer, String item, double weight) {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            Interaction.requireId(customer, "customer");
            Interaction.requireId(item, "item");
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight must be finite and not negative: " + weight);
            }
            if (size == cs.length) {
                int capacity = grown(size);
                cs = Arrays.copyOf(cs, capacity);
                is = Arrays.copyOf(is, capacity);
                ws = Arrays.copyOf(ws, capacity);
                if (ss != null) {
                    ss = Arrays.copyOf(ss, capacity);
                    Arrays.fill(ss, size, ss.length, -1);
                    secs = Arrays.copyOf(secs, capacity);
                    nanos = Arrays.copyOf(nanos, capacity);
                }
            }
            cs[size] = intern(customer, cIndex, cIds);
            is[size] = intern(item, iIndex, iIds);
            ws[size] = weight;
            size++;
            return this;
        }

        /**
         * The capacity after {@code size} events filled the arrays: twice as many, at most
         * {@link #MAX_EVENTS} (doubling 2<sup>30</sup> overflows an {@code int}).
         *
         * @throws IllegalStateException naming the limit once the arrays have reached it
         */
        static int grown(int size) {
            if (size >= MAX_EVENTS) {
                throw new IllegalStateException("the builder holds the most events it can: " + MAX_EVENTS);
            }
            return (int) Math.min(2L * size, MAX_EVENTS);
        }

        /**
         * Adds one event, keeping its store (if any) and instant for {@link Interactions#store}.
         */
        public Builder add(Interaction event) {
            Objects.requireNonNull(event, "event");
            add(event.customer(), event.item(), event.weight());
            if (event.store().isPresent()) {
                if (ss == null) {
                    ss = new int[cs.length];
                    Arrays.fill(ss, -1);
                    secs = new long[cs.length];
                    nanos = new int[cs.length];
                }
                int k = size - 1;
                ss[k] = intern(event.store().get(), sIndex, sIds);
                Instant t = event.instant();
                secs[k] = t.getEpochSecond();
                nanos[k] = t.getNano();
            }
            return this;
        }

        /** The matrix; at least one event must have been added. */
        public Interactions build() {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            if (size == 0) {
                throw new IllegalArgumentException("events must not be empty: a model needs at least one interaction");
            }
            built = true;
            Interactions x = fromTriplets(List.copyOf(cIds), List.copyOf(iIds), cIndex, iIndex, cs, is, ws, size,
                    List.copyOf(sIds), ss, secs, nanos);
            cs = null;
            ss = null;
            secs = null;
            nanos = null;
            is = null;
            ws = null;
            return x;
        }
    }

    private static int intern(String id, Map<String, Integer> index, List<String> ids) {
        Integer k = index.get(id);
        if (k == null) {
            k = ids.size();
            index.put(id, k);
            ids.add(id);
        }
        return k;
    }

    private static Interactions fromTriplets(List<String> cIds, List<String> iIds, Map<String, Integer> cIndex,
                                             Map<String, Integer> iIndex, int[] cs, int[] is, double[] ws, int size,
                                             List<String> sIds, int[] ss, long[] secs, int[] nanos) {
        int m = cIds.size();
        int[] ptr = new int[m + 1];
        for (int k = 0; k < size; k++) {
            ptr[cs[k] + 1]++;
        }
        for (int c = 0; c < m; c++) {
            ptr[c + 1] += ptr[c];
        }
        int[] items = new int[size];
        double[] weights = new double[size];
        int[] next = Arrays.copyOf(ptr, m);
        int[] event = ss == null ? null : new int[size];
        for (int k = 0; k < size; k++) {
            int slot = next[cs[k]]++;
            items[slot] = is[k];
            weights[slot] = ws[k];
            if (event != null) {
                event[slot] = k;
            }
        }
        int[] pairStores = ss == null ? null : new int[size];
        // sort each row by item and sum duplicates, compacting in place
        int[] outPtr = new int[m + 1];
        int out = 0;
        long[] keys = new long[0];
        for (int c = 0; c < m; c++) {
            int from = ptr[c];
            int to = ptr[c + 1];
            int len = to - from;
            if (keys.length < len) {
                keys = new long[Math.max(len, keys.length * 2)];
            }
            // sort positions by item, stable by original position so that sums add in event order
            for (int p = 0; p < len; p++) {
                keys[p] = ((long) items[from + p] << 32) | p;
            }
            Arrays.sort(keys, 0, len);
            int[] rowItemsCopy = Arrays.copyOfRange(items, from, to);
            double[] rowWeightsCopy = Arrays.copyOfRange(weights, from, to);
            int last = -1;
            int best = -1;
            for (int p = 0; p < len; p++) {
                int src = (int) keys[p];
                int item = rowItemsCopy[src];
                if (item == last) {
                    weights[out - 1] += rowWeightsCopy[src];
                } else {
                    items[out] = item;
                    weights[out] = rowWeightsCopy[src];
                    out++;
                    last = item;
                    best = -1;
                }
                if (pairStores != null) {
                    int k = event[from + src];
                    if (ss[k] >= 0 && (best < 0 || laterOrLowerStore(k, best, sIds, ss, secs, nanos))) {
                        best = k;
                    }
                    pairStores[out - 1] = best < 0 ? -1 : ss[best];
                }
            }
            outPtr[c + 1] = out;
            for (int q = outPtr[c]; q < out; q++) {
                if (weights[q] == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("the weights of customer '" + cIds.get(c) + "' and item '"
                            + iIds.get(items[q]) + "' sum to Infinity over their events");
                }
            }
        }
        return new Interactions(cIds, iIds, Map.copyOf(cIndex), Map.copyOf(iIndex), outPtr,
                Arrays.copyOf(items, out), Arrays.copyOf(weights, out), sIds,
                pairStores == null ? null : Arrays.copyOf(pairStores, out));
    }

    /** Whether event k (with a store) beats event best: later, or at the same instant a lower store id. */
    private static boolean laterOrLowerStore(int k, int best, List<String> sIds, int[] ss, long[] secs, int[] nanos) {
        int c = Long.compare(secs[k], secs[best]);
        if (c == 0) {
            c = Integer.compare(nanos[k], nanos[best]);
        }
        if (c == 0) {
            return sIds.get(ss[k]).compareTo(sIds.get(ss[best])) < 0;
        }
        return c > 0;
    }

    /** Number of distinct customers. */
    public int customerCount() {
        return customerIds.size();
    }

    /** Number of distinct items. */
    public int itemCount() {
        return itemIds.size();
    }

    /** Number of distinct (customer, item) pairs. */
    public int pairCount() {
        return rowItems.length;
    }

    /** The id of customer number {@code index}. */
    public String customerId(int index) {
        return customerIds.get(index);
    }

    /** The id of item number {@code index}. */
    public String itemId(int index) {
        return itemIds.get(index);
    }

    /** The index of a customer id, or -1 if the customer has no interaction here. */
    public int customerIndex(String customer) {
        Integer k = customerIndex.get(Objects.requireNonNull(customer, "customer"));
        return k == null ? -1 : k;
    }

    /** The index of an item id, or -1 if the item has no interaction here. */
    public int itemIndex(String item) {
        Integer k = itemIndex.get(Objects.requireNonNull(item, "item"));
        return k == null ? -1 : k;
    }

    /** The summed weight of a (customer, item) pair; 0 if they never interacted or either is unknown. */
    public double weight(String customer, String item) {
        int c = customerIndex(customer);
        int i = itemIndex(item);
        if (c < 0 || i < 0) {
            return 0.0;
        }
        int p = Arrays.binarySearch(rowItems, rowPtr[c], rowPtr[c + 1], i);
        return p >= 0 ? rowWeights[p] : 0.0;
    }

    /** Whether a customer interacted with an item (any event, even of weight 0). */
    public boolean contains(String customer, String item) {
        int c = customerIndex(customer);
        int i = itemIndex(item);
        return c >= 0 && i >= 0 && Arrays.binarySearch(rowItems, rowPtr[c], rowPtr[c + 1], i) >= 0;
    }

    /**
     * The store of the customer's most recent event with the item that named one (ties at one
     * instant: the lowest store id); empty if none did or either is unknown.
     */
    public Optional<String> store(String customer, String item) {
        int c = customerIndex(customer);
        int i = itemIndex(item);
        return c < 0 || i < 0 ? Optional.empty() : store(c, i);
    }

    /** {@link #store(String, String)} by indexes. */
    Optional<String> store(int customer, int item) {
        if (pairStores == null) {
            return Optional.empty();
        }
        int p = Arrays.binarySearch(rowItems, rowPtr[customer], rowPtr[customer + 1], item);
        return p < 0 || pairStores[p] < 0 ? Optional.empty() : Optional.of(storeIds.get(pairStores[p]));
    }

    /** A customer's history: their items (ascending index) and summed weights. */
    History history(int customer) {
        return new History(Arrays.copyOfRange(rowItems, rowPtr[customer], rowPtr[customer + 1]),
                Arrays.copyOfRange(rowWeights, rowPtr[customer], rowPtr[customer + 1]));
    }

    /**
     * Refuses a summed weight above {@code limit}, naming it and its pair, for a model whose
     * arithmetic overflows beyond the limit: the message is {@code "<model>: the weight <w> of
     * customer '<c>' and item '<i>' is above <limit><why>"}, for the first such pair in row order.
     */
    void requireWeightsAtMost(double limit, String model, String why) {
        for (int c = 0; c < customerIds.size(); c++) {
            for (int p = rowPtr[c]; p < rowPtr[c + 1]; p++) {
                if (rowWeights[p] > limit) {
                    throw new IllegalArgumentException(model + ": the weight " + rowWeights[p] + " of customer '"
                            + customerIds.get(c) + "' and item '" + itemIds.get(rowItems[p]) + "' is above " + limit
                            + why);
                }
            }
        }
    }

    /** Total weight per item. */
    double[] itemTotals() {
        double[] t = new double[itemCount()];
        for (int p = 0; p < rowItems.length; p++) {
            t[rowItems[p]] += rowWeights[p];
        }
        return t;
    }

    /** Sparse history of one customer in item-index space; arrays are owned by the holder. */
    record History(int[] items, double[] weights) {
        static final History EMPTY = new History(new int[0], new double[0]);
    }
}
