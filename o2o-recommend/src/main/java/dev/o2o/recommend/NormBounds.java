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
    /**
     * The ratio of successive bands of the search near a position ({@link #searchNear}): measured
     * on the benchmark, 0.95 to 0.7 score the same items, and fewer bands cost fewer passes over
     * the stores.
     */
    private static final double STEP = 0.75;

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
        searchNear(model, vector, query.nearby().get(), scale, heap, scorer);
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
     * Visits the pairs (item, store within the radius) in bands of decreasing bound instead of in
     * exact bound order: band j takes, from each store's list in turn (nearest store first, the
     * order of {@link Availability.NearStores}), the pairs whose bound
     * {@code |y_i|·|v|·(1+1e-12)·decay(store) + 1e-300} is at least {@code θ_j}; then
     * {@code θ_{j+1} = STEP · (the largest bound left)}. Each list is in decreasing bound, so a
     * band is a run from each list's position, with no heap: the exact-order merge (a max-heap of
     * stores re-sifted after every pair) cost about a quarter of the query.
     *
     * <p>Still exact: (1) a pair is skipped only when its bound is below the K-th best ranking
     * score kept, which only rises, and then so is every later pair of that store; the search
     * ends when every pair left is below it. (2) An item is scored once, at its first pair, and
     * that pair is at its nearest store s* (the first in the stores' order among the nearest):
     * a pair of the item at a farther store s has a bound no larger (the decay does not grow
     * with distance), so by the band in which that pair is reached, s*'s run has reached the item's
     * pair at s* too, and s* is visited before s within a band; had s*'s pair been skipped as below
     * the K-th score, s's pair, no larger and reached later, is skipped too. The nearest pair ranks
     * at least as well as the others, so the list is that of offering every pair.
     */
    private void searchNear(AbstractModel model, double[] vector, Query.Nearby near, double scale, RuleHeap out,
                            RowScorer scorer) {
        Availability.NearStores stores = near.availability().within(near.position(), near.radiusMetres());
        int[][] lists = listsFor(near.availability(), model.data);
        int n = stores.count();
        double[] factor = new double[n];
        int[] next = new int[n];
        double high = 0;
        for (int k = 0; k < n; k++) {
            factor[k] = near.factor(stores.distances()[k]);
            int[] list = lists[stores.stores()[k]];
            if (list.length > 0) {
                high = Math.max(high, norms[list[0]] * scale * factor[k] + FLOOR);
            }
        }
        BitSet seen = new BitSet(norms.length);
        // every bound is at least FLOOR > 0, so high == 0 means that no pair is left
        while (high > 0 && !out.closedBelow(high)) {
            double theta = high * STEP;
            high = 0;
            for (int k = 0; k < n; k++) {
                int[] list = lists[stores.stores()[k]];
                double perNorm = scale * factor[k];
                int p = next[k];
                while (p < list.length) {
                    int r = list[p];
                    double bound = norms[r] * perNorm + FLOOR;
                    if (bound < theta) {
                        high = Math.max(high, bound);
                        break;
                    }
                    if (out.closedBelow(bound)) {
                        p = list.length;
                        break;
                    }
                    p++;
                    if (!seen.get(r)) {
                        seen.set(r);
                        double s = scorer.score(vector, r * f);
                        model.offerChecked(out, byNorm[r], s, Query.Nearby.scaled(s, factor[k]),
                                stores.distances()[k]);
                    }
                }
                next[k] = p;
            }
        }
    }
}
