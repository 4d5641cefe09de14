package dev.o2o.recommend;

import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * An exact top-K search for models whose score is a dot product {@code s = y_i · v} of an item
 * vector and a customer vector (iALS): by Cauchy–Schwarz {@code s ≤ |y_i|·|v|}, so items visited
 * in decreasing {@code |y_i|} (times the store's distance decay when the query has a position)
 * can stop as soon as the bound falls below the K-th best ranking score kept. Popular items have
 * the largest vectors and the best scores, so a query usually scores a few percent of the
 * catalogue: on the 50,000-item benchmark, about 2,000 items instead of 50,000 (or 26,000 within
 * the radius). The lists are exactly those of scoring every candidate.
 *
 * <p>Layout: the item rows are kept in <em>rank order</em> (decreasing norm; ties by item index),
 * and each store's list holds ranks in increasing order, so the rows the search reads lie at
 * increasing addresses near the start of the array instead of at random places in it (12.8 MB for
 * 50,000 items of 64 factors, beyond this machine's 2 MB of L2 per core). The constructor reorders
 * the caller's array in place rather than copying it, so the model holds one array of factors;
 * {@link #offset} finds an item's row. Measured: see {@code benchmarks/RESULTS.md}, section
 * "recommend iALS serving (alstop2)".
 *
 * <p>The bound is widened by a relative 1e-12 (rounding of the dot product, the norms and the
 * decay is below 1e-13 relative for 64 factors) plus 1e-300 (subnormal values); the search is not
 * used when a vector is not finite or the bound could overflow, so a NaN score is never skipped.
 *
 * <p>Immutable apart from a cache of per-store lists for each {@link Availability} seen (built on
 * the first query that uses it, guarded by a synchronized map); thread-safe.
 */
final class NormBounds implements Serializable {

    private static final long serialVersionUID = 2L;

    /** Relative widening of the bound; see the class comment. */
    private static final double SLACK = 1e-12;
    /** Absolute widening of the bound, for subnormal products. */
    private static final double FLOOR = 1e-300;

    /** How to score the row at an offset of the reordered factors, exactly as the model's full scoring does. */
    interface RowScorer {
        double score(double[] vector, int offset);
    }

    /** The norm of the row at each rank, decreasing. */
    private final double[] norms;
    /** The item at each rank. */
    private final int[] byNorm;
    /** The rank of each item. */
    private final int[] rank;
    private final double maxNorm;
    private final boolean finite;
    private final int f;
    /** A cache, not state: not serialized, and empty again after deserialization ({@link #readObject}). */
    private transient Map<Availability, int[][]> storeLists = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Orders the {@code n} item vectors of {@code f} factors, stored item by item in
     * {@code factors}, by decreasing norm, and <strong>reorders {@code factors} in place</strong>
     * into that order: afterwards item i's row starts at {@link #offset offset(i)}.
     */
    NormBounds(float[] factors, int n, int f) {
        this.f = f;
        double[] byItem = new double[n];
        boolean allFinite = true;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int a = 0; a < f; a++) {
                double y = factors[i * f + a];
                sq += y * y;
            }
            byItem[i] = Math.sqrt(sq);
            allFinite &= Double.isFinite(byItem[i]);
            max = Math.max(max, byItem[i]);
        }
        finite = allFinite;
        maxNorm = max;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(byItem[b], byItem[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        byNorm = new int[n];
        rank = new int[n];
        norms = new double[n];
        float[] byItemRows = Arrays.copyOf(factors, n * f);
        for (int r = 0; r < n; r++) {
            byNorm[r] = order[r];
            rank[order[r]] = r;
            norms[r] = byItem[order[r]];
            System.arraycopy(byItemRows, order[r] * f, factors, r * f, f);
        }
    }

    /** Where item {@code item}'s row starts in the reordered factors. */
    int offset(int item) {
        return rank[item] * f;
    }

    /**
     * Fills {@code heap} with the best items for {@code vector} under the query; false (heap
     * untouched) if the bound cannot be trusted for this vector.
     */
    boolean search(AbstractModel model, double[] vector, Query query, RuleHeap heap, RowScorer scorer) {
        double sq = 0;
        for (double x : vector) {
            sq += x * x;
        }
        double vn = Math.sqrt(sq);
        if (!finite || !Double.isFinite(vn) || !(maxNorm * vn < 1e300)) {
            return false;
        }
        double scale = vn * (1 + SLACK);
        if (query.nearby().isEmpty()) {
            for (int r = 0; r < norms.length; r++) {
                if (heap.closedBelow(norms[r] * scale + FLOOR)) {
                    break;
                }
                double s = scorer.score(vector, r * f);
                model.offerChecked(heap, byNorm[r], s, s, 0.0);
            }
            return true;
        }
        Query.Nearby near = query.nearby().get();
        Availability.NearStores stores = near.availability().within(near.position(), near.radiusMetres());
        int[][] lists = listsFor(near.availability(), model.data);
        new StoreMerge(stores, lists, near, scale).run(model, vector, heap, scorer);
        return true;
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        storeLists = Collections.synchronizedMap(new WeakHashMap<>());
    }

    /** Each store's items as ranks, increasing (so in decreasing norm). */
    private int[][] listsFor(Availability availability, Interactions data) {
        return storeLists.computeIfAbsent(availability, a -> {
            int[][] items = a.itemsOf(data);
            int[][] out = new int[items.length][];
            for (int s = 0; s < items.length; s++) {
                int[] ranks = new int[items[s].length];
                for (int k = 0; k < ranks.length; k++) {
                    ranks[k] = rank[items[s][k]];
                }
                Arrays.sort(ranks);
                out[s] = ranks;
            }
            return out;
        });
    }

    /**
     * The stores' lists merged by bound: a max-heap of stores keyed by the bound of each store's
     * next item, so items are visited in decreasing bound over all stores within the radius.
     * Lists hold ranks; {@code next[k]} is the position in store slot k's list.
     */
    private final class StoreMerge {
        private final int[] store;
        private final double[] distance;
        private final double[] factor;
        private final int[] next;
        private final double[] key;
        private final int[][] lists;
        private final double scale;
        private final int[] heap;
        private int size;

        StoreMerge(Availability.NearStores near, int[][] lists, Query.Nearby rules, double scale) {
            int n = near.count();
            this.lists = lists;
            this.scale = scale;
            store = Arrays.copyOf(near.stores(), n);
            distance = Arrays.copyOf(near.distances(), n);
            factor = new double[n];
            next = new int[n];
            key = new double[n];
            heap = new int[n];
            for (int k = 0; k < n; k++) {
                factor[k] = rules.factor(distance[k]);
                if (lists[store[k]].length > 0) {
                    key[k] = boundOf(k);
                    heap[size] = k;
                    siftUp(size++);
                }
            }
        }

        private double boundOf(int k) {
            return norms[lists[store[k]][next[k]]] * scale * factor[k] + FLOOR;
        }

        void run(AbstractModel model, double[] vector, RuleHeap out, RowScorer scorer) {
            // an item's pair at its nearest store comes first (largest bound, ties to the shorter
            // distance) and ranks at least as well as its pairs at farther stores: those are skipped
            BitSet seen = new BitSet(norms.length);
            while (size > 0) {
                int k = heap[0];
                if (out.closedBelow(key[k])) {
                    return;
                }
                int r = lists[store[k]][next[k]];
                if (!seen.get(r)) {
                    seen.set(r);
                    double s = scorer.score(vector, r * f);
                    model.offerChecked(out, byNorm[r], s, Query.Nearby.scaled(s, factor[k]), distance[k]);
                }
                if (++next[k] < lists[store[k]].length) {
                    key[k] = boundOf(k);
                } else {
                    heap[0] = heap[--size];
                }
                siftDown(0);
            }
        }

        private void siftUp(int c) {
            while (c > 0) {
                int p = (c - 1) / 2;
                if (!first(heap[c], heap[p])) {
                    return;
                }
                swap(p, c);
                c = p;
            }
        }

        private void siftDown(int p) {
            while (true) {
                int l = 2 * p + 1;
                if (l >= size) {
                    return;
                }
                int r = l + 1;
                int big = r < size && first(heap[r], heap[l]) ? r : l;
                if (!first(heap[big], heap[p])) {
                    return;
                }
                swap(p, big);
                p = big;
            }
        }

        /** Whether store slot a comes before b: larger bound, then the shorter distance. */
        private boolean first(int a, int b) {
            return key[a] > key[b] || (key[a] == key[b] && distance[a] < distance[b]);
        }

        private void swap(int a, int b) {
            int t = heap[a];
            heap[a] = heap[b];
            heap[b] = t;
        }
    }
}
