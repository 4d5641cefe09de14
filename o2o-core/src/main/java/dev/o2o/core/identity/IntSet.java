package dev.o2o.core.identity;

/**
 * A small open-addressing set of non-negative ints, for the searches over one cluster that
 * unlinking, super-node suppression and erasure run: no boxing, and it grows with the cluster
 * rather than with the graph. Not thread-safe.
 */
final class IntSet {
    private int[] slots = new int[16]; // value + 1, 0 = empty
    private int size;

    boolean contains(int v) {
        int mask = slots.length - 1;
        for (int i = NodeLimits.fmix(v) & mask; slots[i] != 0; i = (i + 1) & mask) {
            if (slots[i] == v + 1) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code v}; false if it was there. */
    boolean add(int v) {
        if ((size + 1) * 2 > slots.length) {
            int[] old = slots;
            slots = new int[old.length * 2];
            size = 0;
            for (int s : old) {
                if (s != 0) {
                    add(s - 1);
                }
            }
        }
        int mask = slots.length - 1;
        int i = NodeLimits.fmix(v) & mask;
        for (; slots[i] != 0; i = (i + 1) & mask) {
            if (slots[i] == v + 1) {
                return false;
            }
        }
        slots[i] = v + 1;
        size++;
        return true;
    }

    int size() {
        return size;
    }
}
