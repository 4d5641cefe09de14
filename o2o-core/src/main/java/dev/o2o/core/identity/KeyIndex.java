package dev.o2o.core.identity;

import java.util.Arrays;

/**
 * From the first 64 bits of a customer key to the sequence numbers of the identifiers whose key
 * starts so: a multimap of primitives (open addressing, linear probing, at most half full), so that
 * an index over millions of identifiers costs 12 bytes per entry and no objects. Entries are
 * never removed: a caller checks every candidate against the graph (an erased identifier simply
 * no longer resolves). Not thread-safe.
 */
final class KeyIndex {

    private long[] heads = new long[16];
    private int[] seqs = new int[16]; // seq + 1; 0 = empty slot
    private int size;

    void add(long head, int seq) {
        if ((size + 1) * 2 > seqs.length) {
            long[] oldHeads = heads;
            int[] oldSeqs = seqs;
            heads = new long[oldHeads.length * 2];
            seqs = new int[oldSeqs.length * 2];
            size = 0;
            for (int i = 0; i < oldSeqs.length; i++) {
                if (oldSeqs[i] != 0) {
                    add(oldHeads[i], oldSeqs[i] - 1);
                }
            }
        }
        int mask = seqs.length - 1;
        int i = NodeLimits.fmix(head) & mask;
        while (seqs[i] != 0) {
            i = (i + 1) & mask;
        }
        heads[i] = head;
        seqs[i] = seq + 1;
        size++;
    }

    /** The sequence numbers filed under {@code head}. */
    int[] find(long head) {
        int[] out = new int[0];
        int mask = seqs.length - 1;
        for (int i = NodeLimits.fmix(head) & mask; seqs[i] != 0; i = (i + 1) & mask) {
            if (heads[i] == head) {
                out = Arrays.copyOf(out, out.length + 1);
                out[out.length - 1] = seqs[i] - 1;
            }
        }
        return out;
    }

    int size() {
        return size;
    }
}
