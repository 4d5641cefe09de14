package dev.o2o.recommend;

/**
 * The sift steps of a binary heap whose entries the subclass stores (in one array or several
 * parallel ones): the subclass says which of two positions belongs nearer the root and swaps two
 * positions; this class keeps the heap's shape. {@link RuleHeap} keeps its worst offer at the root,
 * {@code NormBounds}' store merge its largest bound.
 *
 * <p>Not thread-safe.
 */
abstract class IndexHeap {

    /** Whether the entry at position {@code a} belongs above the entry at position {@code b}. */
    abstract boolean above(int a, int b);

    /** Swaps the entries at two positions. */
    abstract void swap(int a, int b);

    /** Moves the entry at position {@code c} up to its place. */
    final void siftUp(int c) {
        while (c > 0) {
            int parent = (c - 1) / 2;
            if (!above(c, parent)) {
                return;
            }
            swap(parent, c);
            c = parent;
        }
    }

    /** Moves the entry at position {@code p} down to its place in a heap of {@code size} entries. */
    final void siftDown(int p, int size) {
        while (true) {
            int l = 2 * p + 1;
            if (l >= size) {
                return;
            }
            int r = l + 1;
            int top = r < size && above(r, l) ? r : l;
            if (!above(top, p)) {
                return;
            }
            swap(p, top);
            p = top;
        }
    }
}
