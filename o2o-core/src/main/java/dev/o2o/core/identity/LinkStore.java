package dev.o2o.core.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every link ever added, by number {@code l} in the order of adding, as primitive columns: its two
 * node slots with its state, the next half-edge of each end's adjacency list, its instant in
 * epoch milliseconds and its evidence kind (interned). The adjacency lists are threaded through
 * the links (forward star): half-edge {@code 2l} hangs off the first identifier of link {@code l},
 * {@code 2l+1} off the second, and the node records hold the list heads. So the active links of one
 * cluster can be walked without touching the others, and a link costs 24 bytes, not an object.
 *
 * <p>Not thread-safe.
 */
final class LinkStore {

    static final int ACTIVE = 0;
    static final int SUPPRESSED = 1;
    static final int REMOVED = 2;

    // link record: first node, second node | state << 30, next half-edge of each end
    private static final int STRIDE = 4;
    private static final int A = 0;
    private static final int B = 1;
    private static final int NEXT = 2;
    private static final int NODE_MASK = (1 << 30) - 1;
    static final int MAX_LINKS = NodeLimits.MAX_ARRAY / STRIDE;

    private int count;
    private int live;
    private int[] records;
    private long[] millis;
    private int[] evidence;

    private final Map<String, Integer> evidenceIndex = new HashMap<>();
    private final List<String> evidences = new ArrayList<>();
    // the few kinds an ingestion loop cycles through, matched by identity before the map
    private final String[] recentEvidence = new String[8];
    private final int[] recentEvidenceIndex = new int[8];
    private int recentEvidenceNext;

    /** A store with room for {@code expected} links before it grows. */
    LinkStore(int expected) {
        int m = Math.min(expected, MAX_LINKS);
        records = new int[m * STRIDE];
        millis = new long[m];
        evidence = new int[m];
    }

    /**
     * Stores a new active link between slots {@code a} and {@code b}, whose adjacency lists start
     * at half-edges {@code headA} and {@code headB} (-1 if empty); the caller makes
     * {@code 2l} and {@code 2l+1} the new heads. Returns {@code l}.
     */
    int add(int a, int b, int headA, int headB, long epochMillis, String evidenceKind) {
        int l = count;
        if (l == millis.length) {
            if (l == MAX_LINKS) {
                throw new IllegalStateException("identity graph is full (" + MAX_LINKS + " links)");
            }
            int cap = Math.min(NodeLimits.grow(l), MAX_LINKS);
            records = Arrays.copyOf(records, cap * STRIDE);
            millis = Arrays.copyOf(millis, cap);
            evidence = Arrays.copyOf(evidence, cap);
        }
        count++;
        live++;
        millis[l] = epochMillis;
        evidence[l] = evidenceIndexOf(evidenceKind);
        int i = l * STRIDE;
        records[i + A] = a;
        records[i + B] = b; // state ACTIVE is 0
        records[i + NEXT] = headA;
        records[i + NEXT + 1] = headB;
        return l;
    }

    private int evidenceIndexOf(String kind) {
        String[] recent = recentEvidence;
        for (int i = 0; i < recent.length; i++) {
            if (recent[i] == kind) {
                return recentEvidenceIndex[i];
            }
        }
        int index = evidenceIndex.computeIfAbsent(kind, k -> {
            evidences.add(k);
            return evidences.size() - 1;
        });
        int slot = recentEvidenceNext;
        recentEvidenceNext = (slot + 1) & (recent.length - 1);
        recent[slot] = kind;
        recentEvidenceIndex[slot] = index;
        return index;
    }

    /** Links ever added (the numbers in use are {@code 0..count-1}). */
    int count() {
        return count;
    }

    /** Links not removed. */
    int live() {
        return live;
    }

    int a(int l) {
        return records[l * STRIDE + A];
    }

    int b(int l) {
        return records[l * STRIDE + B] & NODE_MASK;
    }

    int state(int l) {
        return records[l * STRIDE + B] >>> 30;
    }

    void setState(int l, int state) {
        int i = l * STRIDE + B;
        if (state == REMOVED && records[i] >>> 30 != REMOVED) {
            live--;
        }
        records[i] = (records[i] & NODE_MASK) | (state << 30);
    }

    /** The half-edge after {@code e} in the adjacency list {@code e} belongs to. */
    int nextEdge(int e) {
        return records[(e >>> 1) * STRIDE + NEXT + (e & 1)];
    }

    /** The node at the far end of half-edge {@code e}. */
    int far(int e) {
        int l = e >>> 1;
        return (e & 1) == 0 ? b(l) : a(l);
    }

    long millis(int l) {
        return millis[l];
    }

    String evidence(int l) {
        return evidences.get(evidence[l]);
    }

    /** After the node table moved its records: slot {@code s} is now {@code moved[s]} (-1 if erased). */
    void rename(int[] moved) {
        for (int l = 0; l < count; l++) {
            int i = l * STRIDE;
            int a = moved[records[i + A]];
            int b = moved[records[i + B] & NODE_MASK];
            // a removed link of an erased identifier has already lost its ends (0, 0)
            records[i + A] = Math.max(a, 0);
            records[i + B] = (records[i + B] & ~NODE_MASK) | Math.max(b, 0);
        }
    }

    /**
     * Forgets which nodes a removed link joined and when, so that an erasure leaves nothing of
     * the erased identifiers behind; its number stays taken.
     */
    void forget(int l) {
        int i = l * STRIDE;
        records[i + A] = 0;
        records[i + B] = REMOVED << 30;
        millis[l] = 0;
        evidence[l] = 0;
    }
}
