package dev.o2o.core.identity;

import java.util.function.IntUnaryOperator;

/**
 * The distinct live pairs of node slots, for exact duplicate-link detection in O(1): a set of
 * {@code long}s ({@code min << 32 | max}) in an open-addressing table (linear probing, at most
 * 3/4 full, so that a probe stays within a cache line or two).
 *
 * <p>Where probing for a pair starts is a function of the two identifiers' <em>hashes</em>, not
 * of their slots: it is known before the identifiers are found, so the graph can start this
 * cache miss together with those of the two node records. The entries hold the exact slot pair,
 * so a hash collision never makes two pairs equal. Not thread-safe.
 */
final class PairSet {

    private static final long TOMBSTONE = -1L;

    private final IntUnaryOperator hashOfSlot;
    private long[] entries;
    private int used; // entries and tombstones

    /**
     * A set sized to hold {@code expected} pairs before it grows; {@code hashOfSlot} gives the
     * identifier hash of a slot, needed to place the entries again when the set is rebuilt.
     */
    PairSet(int expected, IntUnaryOperator hashOfSlot) {
        this.hashOfSlot = hashOfSlot;
        long want = Math.max(16L, (long) Math.ceil(expected / 0.75));
        int size = Integer.highestOneBit((int) Math.min(want, 1 << 30));
        entries = new long[size < want ? size << 1 : size];
    }

    /** The entry of an unordered pair of slots. */
    static long key(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    /** Where probing for the pair of identifiers with these hashes starts (symmetric in them). */
    int position(int hashA, int hashB) {
        int lo = Math.min(hashA, hashB);
        int hi = Math.max(hashA, hashB);
        return NodeLimits.fmix(((long) hi << 32) ^ (lo & 0xFFFFFFFFL) ^ 0x632BE59BD9B4E019L) & (entries.length - 1);
    }

    /** The entry at a position: read early, to start its cache miss. */
    long entryAt(int position) {
        return entries[position];
    }

    /** Whether {@code key} is in the set, probing from {@code position} whose entry {@code first} was read already. */
    boolean contains(long key, int position, long first) {
        int mask = entries.length - 1;
        int i = position;
        long k = first;
        while (k != 0) {
            if (k == key) {
                return true;
            }
            i = (i + 1) & mask;
            k = entries[i];
        }
        return false;
    }

    /** Whether {@code key}, of identifiers with these hashes, is in the set. */
    boolean contains(long key, int hashA, int hashB) {
        int p = position(hashA, hashB);
        return contains(key, p, entries[p]);
    }

    /** Adds a pair that is not in the set. */
    void add(long key, int hashA, int hashB) {
        if ((used + 1) * 4L > entries.length * 3L) {
            rebuild(entries.length * 2, IntUnaryOperator.identity());
        }
        int mask = entries.length - 1;
        int i = position(hashA, hashB);
        while (entries[i] != 0 && entries[i] != TOMBSTONE) {
            i = (i + 1) & mask;
        }
        if (entries[i] == 0) {
            used++;
        }
        entries[i] = key;
    }

    /** Removes a pair if present. */
    void remove(long key, int hashA, int hashB) {
        int mask = entries.length - 1;
        for (int i = position(hashA, hashB); entries[i] != 0; i = (i + 1) & mask) {
            if (entries[i] == key) {
                entries[i] = TOMBSTONE;
                return;
            }
        }
    }

    /**
     * Rebuilds the set at the same size (dropping tombstones) after the node table moved its
     * records: slot {@code s} is now {@code moved[s]}, and the hashes are read at the new slots.
     */
    void rename(int[] moved) {
        rebuild(entries.length, s -> moved[s]);
    }

    private void rebuild(int size, IntUnaryOperator rename) {
        IntUnaryOperator hash = hashOfSlot;
        long[] old = entries;
        entries = new long[size];
        used = 0;
        for (long k : old) {
            if (k != 0 && k != TOMBSTONE) {
                int a = rename.applyAsInt((int) (k >>> 32));
                int b = rename.applyAsInt((int) k);
                add(key(a, b), hash.applyAsInt(a), hash.applyAsInt(b));
            }
        }
    }

    /** The number of table entries (for tests and sizing). */
    int tableSize() {
        return entries.length;
    }
}
