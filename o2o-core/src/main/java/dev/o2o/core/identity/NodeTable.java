package dev.o2o.core.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The identifiers of the graph: an open-addressing hash table (linear probing, multiply-shift
 * indexing, load at most 0.6) whose slots are the graph's nodes. Each slot is a 32-byte record
 * of eight ints holding the union-find parent (or the negated cluster size at a root), a meta
 * word (flags, type index, inline length), the head of the node's adjacency list, at a root the
 * sequence number of the cluster's key identifier (first in key order), and the value: inline when it is up to 16
 * Latin-1 chars, otherwise its hash, place, length and encoding in the {@link ValueArena}.
 *
 * <p>What it buys: with millions of identifiers nearly every access is a cache and TLB miss, so
 * one probe that lands on the record to compare, to find the root from and to hang the link on
 * replaces a table slot followed by a node record (measured: 9.8-11.3 s to 6.4-8.0 s for 10 M
 * links, see benchmarks/RESULTS.md {@code ## identity}). Fields needed only on corrections (the
 * sequence number, the distinct-partner count) live in side arrays.
 *
 * <p>Slots move when the table grows ({@link #rehash}); the sequence number of an identifier, the
 * order in which the table first saw it, does not, and {@link #slotOf} maps it back. Lookups fill
 * a {@link Probe} first, so that they allocate nothing. Not thread-safe.
 */
final class NodeTable {

    // meta word: flags in bits 0..3, inline length in bits 4..8, type index from bit 9; 0 = empty slot
    static final int SUPER = 1;
    static final int ERASED = 2; // a tombstone: probing goes on past it
    static final int INLINE = 4;
    static final int USED = 8;
    static final int LEN_SHIFT = 4;
    static final int TYPE_SHIFT = 9;
    static final int MAX_TYPES = 1 << 22;
    static final int INLINE_CHARS = 16;

    // record layout
    static final int STRIDE = 8;
    static final int PARENT = 0; // parent slot, or -(cluster size) at a root
    static final int META = 1;
    static final int HEAD = 2; // first half-edge of the adjacency list, -1 if none
    static final int MIN = 3; // at a root: sequence number of the cluster's key identifier (first in key order)
    static final int VALUE = 4; // 4 ints: the inline chars, 4 per int; or hash, arena offset, length, encoding
    private static final int HASH = VALUE;
    private static final int OFF = VALUE + 1;
    private static final int LEN = VALUE + 2;
    private static final int ENC = VALUE + 3;

    static final int MAX_SLOTS = NodeLimits.MAX_ARRAY / STRIDE;
    private static final double MAX_LOAD = 0.6;
    private static final int PROBE_BUFFER_KEEP = 4096;

    /**
     * An identifier in the form its record holds it; reused so that a lookup allocates nothing.
     */
    static final class Probe {
        int meta; // the record's meta word, SUPER aside
        int v0;
        int v1;
        int v2;
        int v3;
        int hash;
        int home;
        // a long value: its chars, and its arena form (bytes[0..byteLength)) in encoding v3
        char[] chars = new char[64];
        byte[] bytes = new byte[64];
        int byteLength;
    }

    private final Map<IdentifierType, Integer> limitsByType;
    private final List<IdentifierType> keyTypeOrder;

    private int capacity;
    /** The records, {@link #STRIDE} ints per slot; replaced by {@link #rehash}. */
    int[] hot;
    private int slotsUsed; // live records and tombstones
    private int maxSlotsUsed;
    private int[] seqOf; // slot -> sequence number
    private int[] partners; // slot -> distinct partners, kept for types with a super-node limit only
    private int[] seqToSlot; // sequence number -> slot, -1 once erased
    private int seqCount;
    private int live;
    private final ValueArena arena;

    private IdentifierType[] types = new IdentifierType[0];
    private int[] typeLimits = new int[0];
    private int[] typeRanks = new int[0]; // position in the key type order; unlisted types share the last rank

    /** A table presized for {@code expected} identifiers, with the super-node limits per type. */
    NodeTable(int expected, Map<IdentifierType, Integer> limitsByType) {
        this(expected, limitsByType, List.of());
    }

    /**
     * A table presized for {@code expected} identifiers, with the super-node limits per type and
     * the order of types that {@link #compareKeyOrder} uses.
     */
    NodeTable(int expected, Map<IdentifierType, Integer> limitsByType, List<IdentifierType> keyTypeOrder) {
        this.limitsByType = limitsByType;
        this.keyTypeOrder = keyTypeOrder;
        capacity = capacityFor(expected);
        maxSlotsUsed = (int) (capacity * MAX_LOAD);
        hot = new int[capacity * STRIDE];
        seqOf = new int[capacity];
        partners = new int[capacity];
        seqToSlot = new int[Math.min(expected, MAX_SLOTS)];
        // long values only; most identifiers fit the inline form
        arena = new ValueArena((int) Math.min(NodeLimits.MAX_ARRAY, Math.max(16L, expected * 2L)));
    }

    private static int capacityFor(long identifiers) {
        long want = Math.max(16L, (long) Math.ceil(identifiers / MAX_LOAD) + 1);
        if (want > MAX_SLOTS) {
            throw new IllegalStateException("identity graph is full (" + identifiers + " identifiers)");
        }
        return (int) want;
    }

    // ---------------------------------------------------------------- record fields

    int capacity() {
        return capacity;
    }

    int meta(int x) {
        return hot[x * STRIDE + META];
    }

    int head(int x) {
        return hot[x * STRIDE + HEAD];
    }

    void setHead(int x, int halfEdge) {
        hot[x * STRIDE + HEAD] = halfEdge;
    }

    int typeIndex(int x) {
        return meta(x) >>> TYPE_SHIFT;
    }

    boolean isSuper(int x) {
        return (meta(x) & SUPER) != 0;
    }

    void markSuper(int x) {
        hot[x * STRIDE + META] |= SUPER;
    }

    boolean isErased(int x) {
        return (meta(x) & ERASED) != 0;
    }

    /** The super-node limit of a type index, {@link Integer#MAX_VALUE} if none. */
    int limit(int typeIndex) {
        return typeLimits[typeIndex];
    }

    boolean limited(int typeIndex) {
        return typeLimits[typeIndex] != Integer.MAX_VALUE;
    }

    IdentifierType type(int typeIndex) {
        return types[typeIndex];
    }

    int seqOf(int x) {
        return seqOf[x];
    }

    /** The slot of the identifier with sequence number {@code seq}, or -1 if erased or never seen. */
    int slotOf(long seq) {
        return seq < 0 || seq >= seqCount ? -1 : seqToSlot[(int) seq];
    }

    /** Identifiers ever seen (sequence numbers in use are {@code 0..seqCount-1}). */
    int seqCount() {
        return seqCount;
    }

    /** Live (not erased) identifiers. */
    int live() {
        return live;
    }

    int partners(int x) {
        return partners[x];
    }

    void addPartners(int x, int delta) {
        partners[x] += delta;
    }

    // ---------------------------------------------------------------- hashing

    private static int inlineHash(int type, int v0, int v1, int v2, int v3) {
        long x = ((long) v0 << 32) | (v1 & 0xFFFFFFFFL);
        long y = ((long) v2 << 32) | (v3 & 0xFFFFFFFFL);
        return NodeLimits.fmix(x * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(y * 0xC2B2AE3D27D4EB4FL, 31)
                ^ type * 0x165667B19E3779F9L);
    }

    /** Hash of a long value from its arena form (one value has one form, so equal values hash alike). */
    private static int longHash(int type, int enc, byte[] bytes, int length) {
        int h = enc;
        for (int i = 0; i < length; i++) {
            h = 31 * h + bytes[i];
        }
        return NodeLimits.fmix((h ^ (long) length << 32) * 0x9E3779B97F4A7C15L + type);
    }

    /** Slot where probing for this hash starts (multiply-shift: any capacity, high hash bits). */
    int homeOf(int hash) {
        return (int) (((hash & 0xFFFFFFFFL) * capacity) >>> 32);
    }

    /** The identifier hash of the record at {@code slot}. */
    int hashAt(int slot) {
        int b = slot * STRIDE;
        int meta = hot[b + META];
        if ((meta & INLINE) == 0) {
            return hot[b + HASH];
        }
        return inlineHash(meta >>> TYPE_SHIFT, hot[b + VALUE], hot[b + VALUE + 1], hot[b + VALUE + 2],
                hot[b + VALUE + 3]);
    }

    // ---------------------------------------------------------------- types

    /** The index of a type, or -1 if the table has not seen it. */
    int typeIndexOrMinus(IdentifierType type) {
        IdentifierType[] t = types;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == type) {
                return i;
            }
        }
        for (int i = 0; i < t.length; i++) {
            if (t[i].equals(type)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of a type, registering it if new. */
    int typeIndex(IdentifierType type) {
        int index = typeIndexOrMinus(type);
        if (index >= 0) {
            return index;
        }
        index = types.length;
        if (index >= MAX_TYPES) {
            throw new IllegalStateException("more than " + MAX_TYPES + " identifier types");
        }
        types = Arrays.copyOf(types, index + 1);
        types[index] = type;
        typeLimits = Arrays.copyOf(typeLimits, index + 1);
        typeLimits[index] = limitsByType.getOrDefault(type, Integer.MAX_VALUE);
        typeRanks = Arrays.copyOf(typeRanks, index + 1);
        int rank = keyTypeOrder.indexOf(type);
        typeRanks[index] = rank >= 0 ? rank : keyTypeOrder.size();
        return index;
    }

    // ---------------------------------------------------------------- key order

    /**
     * The key order of the identifiers at two live slots (negative if {@code x} comes first): the
     * type's position in the key type order, types not listed after the listed ones by name, then
     * the values as {@link String#compareTo} orders them. Only merges and rebuilds compare, so the
     * common forms (two inline values, two arena values of one encoding) are compared in place and
     * the rest as strings.
     */
    int compareKeyOrder(int x, int y) {
        int tx = typeIndex(x);
        int ty = typeIndex(y);
        if (tx != ty) {
            int byRank = Integer.compare(typeRanks[tx], typeRanks[ty]);
            return byRank != 0 ? byRank : types[tx].name().compareTo(types[ty].name());
        }
        int bx = x * STRIDE;
        int by = y * STRIDE;
        int mx = hot[bx + META];
        int my = hot[by + META];
        if ((mx & my & INLINE) != 0) {
            // char i of an inline value is byte (i mod 4) of int i/4, lowest first; absent chars are 0
            // and values hold no control characters, so a shorter value that is a prefix comes first
            for (int k = 0; k < 4; k++) {
                int c = Integer.compareUnsigned(Integer.reverseBytes(hot[bx + VALUE + k]),
                        Integer.reverseBytes(hot[by + VALUE + k]));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        if (((mx | my) & INLINE) == 0 && hot[bx + ENC] == hot[by + ENC]) {
            return arena.compare(hot[bx + OFF], hot[bx + LEN], hot[by + OFF], hot[by + LEN], hot[bx + ENC]);
        }
        return identifierAt(x).value().compareTo(identifierAt(y).value());
    }

    // ---------------------------------------------------------------- probing

    /** Fills {@code p} with the record form of a value of a known type, in one pass over its chars. */
    void describe(int type, String value, Probe p) {
        int n = value.length();
        if (n <= INLINE_CHARS) {
            // char i goes to bits 8 * (i mod 8) of the low or high half: int k holds chars 4k..4k+3
            long lo = 0;
            long hi = 0;
            int wide = 0;
            int m = Math.min(n, 8);
            for (int i = 0; i < m; i++) {
                int c = value.charAt(i);
                wide |= c;
                lo |= (long) c << (i << 3);
            }
            for (int i = 8; i < n; i++) {
                int c = value.charAt(i);
                wide |= c;
                hi |= (long) c << ((i - 8) << 3);
            }
            if (wide <= 0xFF) {
                p.meta = USED | INLINE | (n << LEN_SHIFT) | (type << TYPE_SHIFT);
                p.v0 = (int) lo;
                p.v1 = (int) (lo >>> 32);
                p.v2 = (int) hi;
                p.v3 = (int) (hi >>> 32);
                p.hash = inlineHash(type, p.v0, p.v1, p.v2, p.v3);
                p.home = homeOf(p.hash);
                return;
            }
        }
        // the arena form is built once here, so that comparing and storing are plain byte-range operations
        if (n > ValueArena.MAX_CHARS) {
            throw new IllegalArgumentException("identifier value of " + n + " chars is longer than the graph can hold ("
                    + ValueArena.MAX_CHARS + ")");
        }
        // buffers fit the longest value seen, but one outsized value does not pin its buffers for good
        if (p.chars.length < n || (p.chars.length > PROBE_BUFFER_KEEP && n <= PROBE_BUFFER_KEEP)) {
            p.chars = new char[Math.max(64, n)];
            p.bytes = new byte[2 * Math.max(64, n)];
        }
        char[] cs = p.chars;
        value.getChars(0, n, cs, 0);
        int enc = ValueArena.encodingOf(cs, n);
        int len = ValueArena.pack(cs, n, enc, p.bytes);
        p.meta = USED | (type << TYPE_SHIFT);
        p.hash = longHash(type, enc, p.bytes, len);
        p.v0 = p.hash;
        p.v1 = 0;
        p.v2 = n;
        p.v3 = enc;
        p.byteLength = len;
        p.home = homeOf(p.hash);
    }

    /** Whether the record at {@code slot}, whose meta word is {@code meta}, holds the probed identifier. */
    boolean matches(int slot, int meta, Probe p) {
        if ((meta & ~SUPER) != p.meta) {
            return false;
        }
        int b = slot * STRIDE + VALUE;
        int[] h = hot;
        if ((meta & INLINE) != 0) {
            return h[b] == p.v0 && h[b + 1] == p.v1 && h[b + 2] == p.v2 && h[b + 3] == p.v3;
        }
        // one value has one encoding, so a different encoding is a different value
        if (h[b] != p.hash || h[b + 2] != p.v2 || h[b + 3] != p.v3) {
            return false;
        }
        return arena.equals(h[b + 1], p.bytes, p.byteLength);
    }

    private int next(int slot) {
        return slot + 1 == capacity ? 0 : slot + 1;
    }

    /** The slot holding the probed identifier, or {@code -(slot to insert it at) - 1}. */
    int locate(Probe p, int from) {
        int[] h = hot;
        int tomb = -1;
        for (int i = from; ; i = next(i)) {
            int meta = h[i * STRIDE + META];
            if (meta == 0) {
                return -(tomb >= 0 ? tomb : i) - 1;
            }
            if ((meta & ERASED) != 0) {
                if (tomb < 0) {
                    tomb = i;
                }
            } else if (matches(i, meta, p)) {
                return i;
            }
        }
    }

    /** Whether adding {@code more} identifiers could push the table past its load. */
    boolean needsRoom(int more) {
        return slotsUsed + more > maxSlotsUsed;
    }

    /** The capacity to rehash to so that {@code more} identifiers fit. */
    int capacityForMore(int more) {
        return capacityFor((long) live * 2 + more);
    }

    /**
     * Stores the probed identifier at {@code slot} (from {@link #locate}) as a cluster of its own,
     * with the next sequence number; returns the slot.
     */
    int insert(Probe p, int slot) {
        int seq = seqCount;
        if (seq == Integer.MAX_VALUE) {
            throw new IllegalStateException("identity graph is full (" + seq + " identifiers seen)");
        }
        if (seq == seqToSlot.length) {
            seqToSlot = Arrays.copyOf(seqToSlot, NodeLimits.grow(seq));
        }
        int[] h = hot;
        int b = slot * STRIDE;
        if (h[b + META] == 0) {
            slotsUsed++;
        }
        int v1 = p.v1;
        if ((p.meta & INLINE) == 0) {
            v1 = arena.append(p.bytes, p.byteLength);
        }
        h[b + PARENT] = -1;
        h[b + META] = p.meta;
        h[b + HEAD] = -1;
        h[b + MIN] = seq;
        h[b + VALUE] = p.v0;
        h[b + VALUE + 1] = v1;
        h[b + VALUE + 2] = p.v2;
        h[b + VALUE + 3] = p.v3;
        seqOf[slot] = seq;
        seqToSlot[seq] = slot;
        seqCount++;
        live++;
        return slot;
    }

    /**
     * Moves every live record to a table of {@code newCapacity} slots, dropping tombstones, and
     * renames the parents and the sequence map; returns the renaming (old slot to new, -1 for
     * an empty or erased slot) for the parts that name slots too.
     */
    int[] rehash(int newCapacity) {
        int oldCapacity = capacity;
        int[] old = hot;
        int[] fresh = new int[newCapacity * STRIDE];
        int[] freshSeq = new int[newCapacity];
        int[] freshPartners = new int[newCapacity];
        int[] moved = new int[oldCapacity];
        capacity = newCapacity;
        for (int s = 0; s < oldCapacity; s++) {
            int meta = old[s * STRIDE + META];
            moved[s] = -1;
            if (meta == 0 || (meta & ERASED) != 0) {
                continue;
            }
            int hash;
            int b = s * STRIDE;
            if ((meta & INLINE) == 0) {
                hash = old[b + HASH];
            } else {
                hash = inlineHash(meta >>> TYPE_SHIFT, old[b + VALUE], old[b + VALUE + 1], old[b + VALUE + 2],
                        old[b + VALUE + 3]);
            }
            int t = homeOf(hash);
            while (fresh[t * STRIDE + META] != 0) {
                t = next(t);
            }
            System.arraycopy(old, b, fresh, t * STRIDE, STRIDE);
            freshSeq[t] = seqOf[s];
            freshPartners[t] = partners[s];
            moved[s] = t;
        }
        for (int t = 0; t < newCapacity; t++) {
            int p = fresh[t * STRIDE + PARENT];
            if (fresh[t * STRIDE + META] != 0 && p >= 0) {
                fresh[t * STRIDE + PARENT] = moved[p];
            }
        }
        for (int q = 0; q < seqCount; q++) {
            if (seqToSlot[q] >= 0) {
                seqToSlot[q] = moved[seqToSlot[q]];
            }
        }
        hot = fresh;
        seqOf = freshSeq;
        partners = freshPartners;
        slotsUsed = live;
        maxSlotsUsed = (int) (capacity * MAX_LOAD);
        return moved;
    }

    /** Erases the identifier at {@code node}: its record becomes a tombstone and its value is overwritten. */
    void erase(int node) {
        int b = node * STRIDE;
        if ((hot[b + META] & INLINE) == 0) {
            // overwrite the value: erased means gone from memory too, not only unreachable
            arena.erase(hot[b + OFF], hot[b + LEN], hot[b + ENC]);
        }
        Arrays.fill(hot, b, b + STRIDE, 0);
        hot[b + PARENT] = -1;
        hot[b + HEAD] = -1;
        hot[b + META] = USED | ERASED;
        seqToSlot[seqOf[node]] = -1;
        seqOf[node] = 0;
        partners[node] = 0;
        live--;
    }

    /** The identifier at {@code node}. */
    Identifier identifierAt(int node) {
        int b = node * STRIDE;
        int meta = hot[b + META];
        String value;
        if ((meta & INLINE) != 0) {
            int n = (meta >>> LEN_SHIFT) & 0x1F;
            char[] chars = new char[n];
            for (int i = 0; i < n; i++) {
                chars[i] = (char) ((hot[b + VALUE + (i >>> 2)] >>> ((i & 3) << 3)) & 0xFF);
            }
            value = new String(chars);
        } else {
            value = arena.string(hot[b + OFF], hot[b + ENC], hot[b + LEN]);
        }
        return new Identifier(types[meta >>> TYPE_SHIFT], value);
    }
}
