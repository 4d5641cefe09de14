package dev.o2o.recommend;

import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * The K best (item, ranking score, distance) offers seen so far, with the query's item rules
 * checked only for offers good enough to enter: a search over tens of thousands of candidates
 * then asks the caller's predicate about a few dozen of them instead of all, and a list is never
 * short because items were dropped after selection.
 *
 * <p>Order: higher ranking score first, then the lower item index, then the shorter distance.
 * The same item may be offered more than once (once per store that offers it); it is kept once,
 * with its best offer, which for a distance decay is its nearest store. An item that fails the
 * rules is remembered and never asked about again.
 *
 * <p>One query's state: not thread-safe.
 */
final class RuleHeap {

    private final IntPredicate admissible;
    private final int[] items;
    private final double[] scores;
    private final double[] modelScores;
    private final double[] distances;
    private final BitSet refused;
    private int size;

    /**
     * @param k          how many items to keep, at least 1
     * @param admissible the item rules (not consumed, eligible), asked at most once per item
     * @param itemCount  the size of the item space
     */
    RuleHeap(int k, IntPredicate admissible, int itemCount) {
        this.admissible = admissible;
        int cap = Math.min(k, itemCount);
        items = new int[cap];
        scores = new double[cap];
        modelScores = new double[cap];
        distances = new double[cap];
        refused = new BitSet(itemCount);
    }

    /** Whether every remaining offer with a ranking score below {@code bound} can be skipped. */
    boolean closedBelow(double bound) {
        return size == items.length && bound < scores[0];
    }

    /**
     * Offers an item at a ranking score (not NaN), with its model score (before the distance
     * decay) and the distance of the store it came from.
     */
    void offer(int item, double score, double modelScore, double distance) {
        if (size == items.length && (items.length == 0 || !better(score, item, distance, 0))) {
            return;
        }
        for (int p = 0; p < size; p++) {
            if (items[p] == item) {
                if (better(score, item, distance, p)) {
                    set(p, item, score, modelScore, distance);
                    siftDown(p);
                }
                return;
            }
        }
        if (refused.get(item)) {
            return;
        }
        if (!admissible.test(item)) {
            refused.set(item);
            return;
        }
        if (size < items.length) {
            set(size, item, score, modelScore, distance);
            siftUp(size++);
        } else {
            set(0, item, score, modelScore, distance);
            siftDown(0);
        }
    }

    /** Whether an item passes the rules (for the NaN check of a caller), remembering a refusal. */
    boolean admits(int item) {
        if (refused.get(item)) {
            return false;
        }
        if (!admissible.test(item)) {
            refused.set(item);
            return false;
        }
        return true;
    }

    /** How many items are kept. */
    int size() {
        return size;
    }

    /**
     * Empties the heap into best-first arrays (item, ranking score, model score, distance) for
     * rank r in [0, size).
     */
    void drain(int[] outItems, double[] outScores, double[] outModelScores, double[] outDistances) {
        for (int r = size - 1; r >= 0; r--) {
            outItems[r] = items[0];
            outScores[r] = scores[0];
            outModelScores[r] = modelScores[0];
            outDistances[r] = distances[0];
            size--;
            if (size > 0) {
                set(0, items[size], scores[size], modelScores[size], distances[size]);
                siftDown(0);
            }
        }
    }

    private void set(int p, int item, double score, double modelScore, double distance) {
        items[p] = item;
        scores[p] = score;
        modelScores[p] = modelScore;
        distances[p] = distance;
    }

    /** Whether the offer ranks before the kept entry at position p. */
    private boolean better(double score, int item, double distance, int p) {
        return score > scores[p] || (score == scores[p]
                && (item < items[p] || (item == items[p] && distance < distances[p])));
    }

    private boolean entryBetter(int a, int b) {
        return better(scores[a], items[a], distances[a], b);
    }

    // a min-heap on "better": the root is the worst kept entry
    private void siftUp(int c) {
        while (c > 0) {
            int parent = (c - 1) / 2;
            if (!entryBetter(parent, c)) {
                return;
            }
            swap(parent, c);
            c = parent;
        }
    }

    private void siftDown(int p) {
        while (true) {
            int l = 2 * p + 1;
            if (l >= size) {
                return;
            }
            int r = l + 1;
            int worse = r < size && entryBetter(l, r) ? r : l;
            if (!entryBetter(p, worse)) {
                return;
            }
            swap(p, worse);
            p = worse;
        }
    }

    private void swap(int a, int b) {
        int i = items[a];
        items[a] = items[b];
        items[b] = i;
        double s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        double m = modelScores[a];
        modelScores[a] = modelScores[b];
        modelScores[b] = m;
        double d = distances[a];
        distances[a] = distances[b];
        distances[b] = d;
    }
}
