package dev.o2o.core.identity;

import dev.o2o.core.CustomerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Union-find on primitive arrays in which the interning hash table is the node array itself: an
 * identifier's node is its slot in an open-addressing table (linear probing) of 32-byte records
 * holding the union-find parent, the type, the value when it is short (up to 16 Latin-1 chars,
 * otherwise its hash and its place in a byte arena), the adjacency head and, for roots, the
 * cluster's oldest identifier. With millions of identifiers nearly every access is a cache and
 * TLB miss, so one probe that lands on the record to compare, to find the root from and to hang
 * the link on replaces a table slot followed by a node record: that layout, not the arithmetic,
 * decides the speed.
 *
 * <p>Links are threaded into per-identifier adjacency lists (forward star: half-edge {@code 2l}
 * hangs off the first identifier of link {@code l}, {@code 2l+1} off the second) so that one
 * cluster can be found and rebuilt by a search over its active links without touching the others.
 * Clusters are exactly the connected components of the active links.
 *
 * <p>Slots move when the table grows, so everything that must outlive a growth (keys, merge
 * history, super-node reports) names identifiers by their sequence number, the order in which the
 * graph first saw them; {@code seqToSlot} maps back.
 *
 * <p>A single {@link #addLink} is a chain of dependent cache misses (home records and pair slot
 * together, then the roots); {@link #addLinks} overlaps those of many links.
 */
final class UnionFindIdentityGraph implements IdentityGraph {

    private static final Logger LOG = LoggerFactory.getLogger(UnionFindIdentityGraph.class);

    private static final int ACTIVE = 0;
    private static final int SUPPRESSED = 1;
    private static final int REMOVED = 2;

    // meta word: flags in bits 0..3, inline length in bits 4..8, type index from bit 9; 0 = empty slot
    private static final int SUPER = 1;
    private static final int ERASED = 2; // a tombstone: probing goes on past it
    private static final int INLINE = 4;
    private static final int USED = 8;
    private static final int LEN_SHIFT = 4;
    private static final int TYPE_SHIFT = 9;
    private static final int MAX_TYPES = 1 << 22;
    private static final int INLINE_CHARS = 16;

    // hot record: what one step of the stitching loop reads or writes about an identifier
    private static final int H_STRIDE = 8;
    private static final int H_PARENT = 0; // parent slot, or -(cluster size) at a root
    private static final int H_META = 1;
    private static final int H_HEAD = 2; // first half-edge of the adjacency list, -1 if none
    private static final int H_MIN = 3; // at a root: sequence number of the cluster's oldest identifier
    private static final int H_VALUE = 4; // 4 ints: the inline chars, 4 per int; or hash, arena offset, length, encoding
    private static final int H_HASH = H_VALUE;
    private static final int H_OFF = H_VALUE + 1;
    private static final int H_LEN = H_VALUE + 2;
    private static final int H_ENC = H_VALUE + 3;

    // how a long value is kept in the arena; pseudonyms (hex digests) take a quarter of UTF-16
    private static final int ENC_UTF16 = 0; // 2 bytes per char, high byte first
    private static final int ENC_LATIN1 = 1; // 1 byte per char
    private static final int ENC_HEX_LOWER = 2; // even length, [0-9a-f]: 2 chars per byte
    private static final int ENC_HEX_UPPER = 3; // even length, [0-9A-F]: 2 chars per byte
    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int PROBE_BUFFER_KEEP = 4096;
    private static final int MAX_SLOTS = MAX_ARRAY / H_STRIDE;
    private static final double MAX_LOAD = 0.6;

    // link record layout: first node, second node | state << 30, next half-edge of each end
    private static final int L_STRIDE = 4;
    private static final int L_A = 0;
    private static final int L_B = 1;
    private static final int L_NEXT = 2;
    private static final int NODE_MASK = (1 << 30) - 1;
    private static final int MAX_LINKS = MAX_ARRAY / L_STRIDE;

    private final String keyPrefix;
    private final Map<IdentifierType, Integer> limitsByType;

    private int capacity;
    private int[] hot;
    private int slotsUsed; // live records and tombstones
    private int maxSlotsUsed;
    private int[] seqOf; // slot -> sequence number
    private int[] partners; // slot -> distinct partners, kept for types with a super-node limit only
    private int[] seqToSlot; // sequence number -> slot, -1 once erased
    private int seqCount;
    private int liveNodes;
    private int clusters;

    // values longer than the inline form, back to back, each in its encoding (H_ENC)
    private byte[] arena;
    private int arenaUsed;

    private IdentifierType[] types = new IdentifierType[0];
    private int[] typeLimits = new int[0];

    private final Probe probeX = new Probe();
    private final Probe probeY = new Probe();

    // distinct live pairs of slots (min << 32 | max) for exact duplicate detection in O(1); placed
    // by the identifiers' hashes (see pairPosition)
    private long[] pairs;
    private int pairsUsed;
    private static final long PAIR_TOMBSTONE = -1L;

    private int linkCount;
    private int[] links;
    private long[] linkMillis;
    private int[] linkEvidence;
    private int liveLinks;

    private final Map<String, Integer> evidenceIndex = new HashMap<>();
    private final List<String> evidences = new ArrayList<>();
    // the few kinds an ingestion loop cycles through, matched by identity before the map
    private final String[] recentEvidence = new String[8];
    private final int[] recentEvidenceIndex = new int[8];
    private int recentEvidenceNext;

    private int mergeCount;
    private long mergeSequence;
    private long[] mergeSeq;
    private int[] mergeLink;
    private int[] mergeSurvivor; // sequence numbers, i.e. key numbers
    private int[] mergeAbsorbed;

    // super-nodes in order of discovery: sequence number -> suppressed link count
    private final Map<Integer, int[]> superNodes = new LinkedHashMap<>();

    /**
     * An identifier in the form its record holds it; reused (two per graph) so that a lookup
     * allocates nothing.
     */
    private static final class Probe {
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

    UnionFindIdentityGraph(IdentityConfig config) {
        Objects.requireNonNull(config, "config");
        this.keyPrefix = config.keyPrefix();
        this.limitsByType = config.superNodeLimits();
        int n = config.expectedIdentifiers();
        capacity = capacityFor(n);
        maxSlotsUsed = (int) (capacity * MAX_LOAD);
        hot = new int[capacity * H_STRIDE];
        seqOf = new int[capacity];
        partners = new int[capacity];
        seqToSlot = new int[Math.min(n, MAX_SLOTS)];
        // long values only; most identifiers fit the inline form
        arena = new byte[(int) Math.min(MAX_ARRAY, Math.max(16L, n * 2L))];
        int m = Math.min(config.expectedLinks(), MAX_LINKS);
        links = new int[m * L_STRIDE];
        linkMillis = new long[m];
        linkEvidence = new int[m];
        pairs = new long[pairTableSizeFor(m)];
        // there are at most (identifiers - 1) merges; sizing for them up front spares regrowth garbage
        int merges = Math.max(16, Math.min(n, m));
        mergeSeq = new long[merges];
        mergeLink = new int[merges];
        mergeSurvivor = new int[merges];
        mergeAbsorbed = new int[merges];
    }

    private static int capacityFor(long identifiers) {
        long want = Math.max(16L, (long) Math.ceil(identifiers / MAX_LOAD) + 1);
        if (want > MAX_SLOTS) {
            throw new IllegalStateException("identity graph is full (" + identifiers + " identifiers)");
        }
        return (int) want;
    }

    /** Pairs are probed within a cache line or two, so their table runs fuller (at most 3/4) to save memory. */
    private static int pairTableSizeFor(int entries) {
        long want = Math.max(16L, (long) Math.ceil(entries / 0.75));
        int size = Integer.highestOneBit((int) Math.min(want, 1 << 30));
        return size < want ? size << 1 : size;
    }

    private static int grow(int current) {
        long next = Math.max(16L, current + (current >> 1) + 1L);
        return (int) Math.min(next, MAX_ARRAY);
    }

    // ---------------------------------------------------------------- accessors

    private int meta(int x) {
        return hot[x * H_STRIDE + H_META];
    }

    private int head(int x) {
        return hot[x * H_STRIDE + H_HEAD];
    }

    private int typeIndex(int x) {
        return meta(x) >>> TYPE_SHIFT;
    }

    private boolean isSuper(int x) {
        return (meta(x) & SUPER) != 0;
    }

    private boolean limited(int typeIndex) {
        return typeLimits[typeIndex] != Integer.MAX_VALUE;
    }

    private int linkA(int l) {
        return links[l * L_STRIDE + L_A];
    }

    private int linkB(int l) {
        return links[l * L_STRIDE + L_B] & NODE_MASK;
    }

    private int state(int l) {
        return links[l * L_STRIDE + L_B] >>> 30;
    }

    private void setState(int l, int state) {
        int i = l * L_STRIDE + L_B;
        links[i] = (links[i] & NODE_MASK) | (state << 30);
    }

    /** The half-edge after {@code e} in the adjacency list {@code e} belongs to. */
    private int nextEdge(int e) {
        return links[(e >>> 1) * L_STRIDE + L_NEXT + (e & 1)];
    }

    /** The node at the far end of half-edge {@code e}. */
    private int far(int e) {
        int l = e >>> 1;
        return (e & 1) == 0 ? linkB(l) : linkA(l);
    }

    // ---------------------------------------------------------------- interning

    private static int fmix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) (h >>> 32);
    }

    private static int inlineHash(int type, int v0, int v1, int v2, int v3) {
        long x = ((long) v0 << 32) | (v1 & 0xFFFFFFFFL);
        long y = ((long) v2 << 32) | (v3 & 0xFFFFFFFFL);
        return fmix(x * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(y * 0xC2B2AE3D27D4EB4FL, 31) ^ type * 0x165667B19E3779F9L);
    }

    /** Hash of a long value from its arena form (one value has one form, so equal values hash alike). */
    private static int longHash(int type, int enc, byte[] bytes, int length) {
        int h = enc;
        for (int i = 0; i < length; i++) {
            h = 31 * h + bytes[i];
        }
        return fmix((h ^ (long) length << 32) * 0x9E3779B97F4A7C15L + type);
    }

    /** Slot where probing for this hash starts (multiply-shift: any capacity, high hash bits). */
    private int homeOf(int hash) {
        return (int) (((hash & 0xFFFFFFFFL) * capacity) >>> 32);
    }

    private int typeIndexOrMinus(IdentifierType type) {
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

    /** Fills {@code p} with the record form of a value of a known type, in one pass over its chars. */
    private void describe(int type, String value, Probe p) {
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
        if (n > MAX_ARRAY / 2) {
            throw new IllegalArgumentException("identifier value of " + n + " chars is longer than the graph can hold ("
                    + MAX_ARRAY / 2 + ")");
        }
        // buffers fit the longest value seen, but one outsized value does not pin its buffers for good
        if (p.chars.length < n || (p.chars.length > PROBE_BUFFER_KEEP && n <= PROBE_BUFFER_KEEP)) {
            p.chars = new char[Math.max(64, n)];
            p.bytes = new byte[2 * Math.max(64, n)];
        }
        char[] cs = p.chars;
        value.getChars(0, n, cs, 0);
        int enc = encodingOf(cs, n);
        int len = pack(cs, n, enc, p.bytes);
        p.meta = USED | (type << TYPE_SHIFT);
        p.hash = longHash(type, enc, p.bytes, len);
        p.v0 = p.hash;
        p.v1 = 0;
        p.v2 = n;
        p.v3 = enc;
        p.byteLength = len;
        p.home = homeOf(p.hash);
    }

    // per ASCII char: 1 if a lower-case hex digit, 2 if an upper-case one (digits are both)
    private static final byte[] HEX_CLASS = new byte[128];
    // per ASCII char: its value as a hex digit
    private static final byte[] NIBBLE = new byte[128];

    static {
        for (int i = 0; i < 16; i++) {
            HEX_CLASS[HEX_LOWER[i]] |= 1;
            HEX_CLASS[HEX_UPPER[i]] |= 2;
            NIBBLE[HEX_LOWER[i]] = (byte) i;
            NIBBLE[HEX_UPPER[i]] = (byte) i;
        }
    }

    /** The most compact arena encoding that holds the {@code n} chars exactly. */
    private static int encodingOf(char[] cs, int n) {
        int wide = 0;
        int hex = (n & 1) == 0 ? 3 : 0;
        for (int i = 0; i < n; i++) {
            char c = cs[i];
            wide |= c;
            hex &= HEX_CLASS[c & 0x7F]; // exact while every char is ASCII; the test below covers the rest
        }
        if (wide >= 0x80) {
            hex = 0;
        }
        if ((hex & 1) != 0) {
            return ENC_HEX_LOWER;
        }
        if (hex != 0) {
            return ENC_HEX_UPPER;
        }
        return wide <= 0xFF ? ENC_LATIN1 : ENC_UTF16;
    }

    /** Writes the arena form of the {@code n} chars in encoding {@code enc} to {@code out}; returns its length. */
    private static int pack(char[] cs, int n, int enc, byte[] out) {
        switch (enc) {
            case ENC_LATIN1:
                for (int i = 0; i < n; i++) {
                    out[i] = (byte) cs[i];
                }
                return n;
            case ENC_HEX_LOWER:
            case ENC_HEX_UPPER:
                for (int i = 0, j = 0; i < n; i += 2, j++) {
                    out[j] = (byte) (NIBBLE[cs[i]] << 4 | NIBBLE[cs[i + 1]]);
                }
                return n >>> 1;
            default:
                for (int i = 0, j = 0; i < n; i++, j += 2) {
                    out[j] = (byte) (cs[i] >>> 8);
                    out[j + 1] = (byte) cs[i];
                }
                return 2 * n;
        }
    }

    /** Bytes that {@code chars} characters take in the arena in encoding {@code enc}. */
    private static int arenaBytes(int chars, int enc) {
        switch (enc) {
            case ENC_LATIN1:
                return chars;
            case ENC_HEX_LOWER:
            case ENC_HEX_UPPER:
                return chars >>> 1;
            default:
                return chars * 2;
        }
    }

    private String arenaString(int start, int enc, int n) {
        byte[] a = arena;
        char[] out = new char[n];
        switch (enc) {
            case ENC_LATIN1:
                for (int i = 0; i < n; i++) {
                    out[i] = (char) (a[start + i] & 0xFF);
                }
                break;
            case ENC_HEX_LOWER:
            case ENC_HEX_UPPER:
                char[] digits = enc == ENC_HEX_LOWER ? HEX_LOWER : HEX_UPPER;
                for (int i = 0, j = start; i < n; i += 2, j++) {
                    out[i] = digits[(a[j] >>> 4) & 0xF];
                    out[i + 1] = digits[a[j] & 0xF];
                }
                break;
            default:
                for (int i = 0, j = start; i < n; i++, j += 2) {
                    out[i] = (char) ((a[j] & 0xFF) << 8 | (a[j + 1] & 0xFF));
                }
        }
        return new String(out);
    }

    /** Whether the record at {@code slot}, whose meta word is {@code meta}, holds the probed identifier. */
    private boolean matches(int slot, int meta, Probe p) {
        if ((meta & ~SUPER) != p.meta) {
            return false;
        }
        int b = slot * H_STRIDE + H_VALUE;
        int[] h = hot;
        if ((meta & INLINE) != 0) {
            return h[b] == p.v0 && h[b + 1] == p.v1 && h[b + 2] == p.v2 && h[b + 3] == p.v3;
        }
        // one value has one encoding, so a different encoding is a different value
        if (h[b] != p.hash || h[b + 2] != p.v2 || h[b + 3] != p.v3) {
            return false;
        }
        int start = h[b + 1];
        return Arrays.equals(arena, start, start + p.byteLength, p.bytes, 0, p.byteLength);
    }

    private int next(int slot) {
        return slot + 1 == capacity ? 0 : slot + 1;
    }

    /** The slot holding the probed identifier, or {@code -(slot to insert it at) - 1}. */
    private int locate(Probe p, int from) {
        int[] h = hot;
        int tomb = -1;
        for (int i = from; ; i = next(i)) {
            int meta = h[i * H_STRIDE + H_META];
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

    /** The node of an identifier, or -1. */
    private int lookup(Identifier id) {
        int type = typeIndexOrMinus(id.type());
        if (type < 0) {
            return -1;
        }
        describe(type, id.value(), probeX);
        int slot = locate(probeX, probeX.home);
        return slot >= 0 ? slot : -1;
    }

    private int intern(Identifier id) {
        ensureRoom(1);
        int type = typeIndexOrMinus(id.type());
        if (type < 0) {
            type = addType(id.type());
        }
        describe(type, id.value(), probeX);
        int slot = locate(probeX, probeX.home);
        return slot >= 0 ? slot : insert(probeX, -slot - 1);
    }

    /** Grows the table now if {@code more} new identifiers could push it past its load, so no slot moves mid-link. */
    private void ensureRoom(int more) {
        if (slotsUsed + more > maxSlotsUsed) {
            rehash(capacityFor((long) liveNodes * 2 + more));
        }
    }

    private int insert(Probe p, int slot) {
        int seq = seqCount;
        if (seq == Integer.MAX_VALUE) {
            throw new IllegalStateException("identity graph is full (" + seq + " identifiers seen)");
        }
        if (seq == seqToSlot.length) {
            seqToSlot = Arrays.copyOf(seqToSlot, grow(seq));
        }
        int[] h = hot;
        int b = slot * H_STRIDE;
        if (h[b + H_META] == 0) {
            slotsUsed++;
        }
        int v1 = p.v1;
        if ((p.meta & INLINE) == 0) {
            int bytes = p.byteLength;
            if ((long) arenaUsed + bytes > arena.length) {
                long cap = Math.max((long) arenaUsed + bytes, (long) arena.length + (arena.length >> 1) + 16);
                if (cap > MAX_ARRAY) {
                    throw new IllegalStateException("identity graph is full (" + arenaUsed + " bytes of identifiers)");
                }
                arena = Arrays.copyOf(arena, (int) cap);
            }
            System.arraycopy(p.bytes, 0, arena, arenaUsed, bytes);
            v1 = arenaUsed;
            arenaUsed += bytes;
        }
        h[b + H_PARENT] = -1;
        h[b + H_META] = p.meta;
        h[b + H_HEAD] = -1;
        h[b + H_MIN] = seq;
        h[b + H_VALUE] = p.v0;
        h[b + H_VALUE + 1] = v1;
        h[b + H_VALUE + 2] = p.v2;
        h[b + H_VALUE + 3] = p.v3;
        seqOf[slot] = seq;
        seqToSlot[seq] = slot;
        seqCount++;
        liveNodes++;
        clusters++;
        return slot;
    }

    private int hashAt(int slot) {
        int b = slot * H_STRIDE;
        int meta = hot[b + H_META];
        if ((meta & INLINE) == 0) {
            return hot[b + H_HASH];
        }
        return inlineHash(meta >>> TYPE_SHIFT, hot[b + H_VALUE], hot[b + H_VALUE + 1], hot[b + H_VALUE + 2],
                hot[b + H_VALUE + 3]);
    }

    /** Moves every live record to a table of {@code newCapacity} slots (dropping tombstones) and renames slots everywhere. */
    private void rehash(int newCapacity) {
        int oldCapacity = capacity;
        int[] old = hot;
        int[] fresh = new int[newCapacity * H_STRIDE];
        int[] freshSeq = new int[newCapacity];
        int[] freshPartners = new int[newCapacity];
        int[] moved = new int[oldCapacity];
        capacity = newCapacity;
        for (int s = 0; s < oldCapacity; s++) {
            int meta = old[s * H_STRIDE + H_META];
            moved[s] = -1;
            if (meta == 0 || (meta & ERASED) != 0) {
                continue;
            }
            int hash;
            int b = s * H_STRIDE;
            if ((meta & INLINE) == 0) {
                hash = old[b + H_HASH];
            } else {
                hash = inlineHash(meta >>> TYPE_SHIFT, old[b + H_VALUE], old[b + H_VALUE + 1], old[b + H_VALUE + 2],
                        old[b + H_VALUE + 3]);
            }
            int t = homeOf(hash);
            while (fresh[t * H_STRIDE + H_META] != 0) {
                t = next(t);
            }
            System.arraycopy(old, b, fresh, t * H_STRIDE, H_STRIDE);
            freshSeq[t] = seqOf[s];
            freshPartners[t] = partners[s];
            moved[s] = t;
        }
        for (int t = 0; t < newCapacity; t++) {
            int p = fresh[t * H_STRIDE + H_PARENT];
            if (fresh[t * H_STRIDE + H_META] != 0 && p >= 0) {
                fresh[t * H_STRIDE + H_PARENT] = moved[p];
            }
        }
        for (int l = 0; l < linkCount; l++) {
            int i = l * L_STRIDE;
            int a = moved[links[i + L_A]];
            int b = moved[links[i + L_B] & NODE_MASK];
            // a removed link of an erased identifier has already lost its ends (0, 0)
            links[i + L_A] = Math.max(a, 0);
            links[i + L_B] = (links[i + L_B] & ~NODE_MASK) | Math.max(b, 0);
        }
        for (int q = 0; q < seqCount; q++) {
            if (seqToSlot[q] >= 0) {
                seqToSlot[q] = moved[seqToSlot[q]];
            }
        }
        hot = fresh;
        seqOf = freshSeq;
        partners = freshPartners;
        slotsUsed = liveNodes;
        maxSlotsUsed = (int) (capacity * MAX_LOAD);
        rehashPairs(pairs.length, moved); // pairs name slots too
    }

    private void unintern(int node) {
        int b = node * H_STRIDE;
        if ((hot[b + H_META] & INLINE) == 0) {
            // overwrite the value: erased means gone from memory too, not only unreachable
            int off = hot[b + H_OFF];
            Arrays.fill(arena, off, off + arenaBytes(hot[b + H_LEN], hot[b + H_ENC]), (byte) 0);
        }
        Arrays.fill(hot, b, b + H_STRIDE, 0);
        hot[b + H_PARENT] = -1;
        hot[b + H_HEAD] = -1;
        hot[b + H_META] = USED | ERASED;
        seqToSlot[seqOf[node]] = -1;
        seqOf[node] = 0;
        partners[node] = 0;
    }

    private Identifier identifierAt(int node) {
        int b = node * H_STRIDE;
        int meta = hot[b + H_META];
        String value;
        if ((meta & INLINE) != 0) {
            int n = (meta >>> LEN_SHIFT) & 0x1F;
            char[] chars = new char[n];
            for (int i = 0; i < n; i++) {
                chars[i] = (char) ((hot[b + H_VALUE + (i >>> 2)] >>> ((i & 3) << 3)) & 0xFF);
            }
            value = new String(chars);
        } else {
            value = arenaString(hot[b + H_OFF], hot[b + H_ENC], hot[b + H_LEN]);
        }
        return new Identifier(types[meta >>> TYPE_SHIFT], value);
    }

    private int addType(IdentifierType type) {
        int index = types.length;
        if (index >= MAX_TYPES) {
            throw new IllegalStateException("more than " + MAX_TYPES + " identifier types");
        }
        types = Arrays.copyOf(types, index + 1);
        types[index] = type;
        typeLimits = Arrays.copyOf(typeLimits, index + 1);
        typeLimits[index] = limitsByType.getOrDefault(type, Integer.MAX_VALUE);
        return index;
    }

    // ---------------------------------------------------------------- union-find

    private int find(int x) {
        int[] h = hot;
        int p = h[x * H_STRIDE + H_PARENT];
        if (p < 0) {
            return x;
        }
        while (true) {
            int gp = h[p * H_STRIDE + H_PARENT];
            if (gp < 0) {
                return p;
            }
            h[x * H_STRIDE + H_PARENT] = gp; // path halving
            x = gp;
            p = h[x * H_STRIDE + H_PARENT];
            if (p < 0) {
                return x;
            }
        }
    }

    /** Joins two different roots by size. */
    private void union(int ra, int rb) {
        int[] h = hot;
        int a = ra * H_STRIDE;
        int b = rb * H_STRIDE;
        if (h[a + H_PARENT] > h[b + H_PARENT]) { // sizes are stored negated
            int t = a;
            a = b;
            b = t;
            ra = rb;
        }
        h[a + H_PARENT] += h[b + H_PARENT];
        h[a + H_MIN] = Math.min(h[a + H_MIN], h[b + H_MIN]);
        h[b + H_PARENT] = ra;
        clusters--;
    }

    /** The identifiers connected to {@code start} by active links: its cluster. */
    private int[] component(int start, IntSet seen) {
        int[] out = new int[8];
        int n = 0;
        seen.add(start);
        out[n++] = start;
        for (int i = 0; i < n; i++) {
            for (int e = head(out[i]); e >= 0; e = nextEdge(e)) {
                if (state(e >>> 1) == ACTIVE && seen.add(far(e))) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, grow(n));
                    }
                    out[n++] = far(e);
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    private int[] members(int root) {
        return component(root, new IntSet());
    }

    /**
     * Rebuilds, from their active links only, the clusters around {@code starts} after some of
     * their links were removed or suppressed: the starts must reach every identifier of the
     * {@code oldClusters} clusters they held. Each new cluster becomes a star on its first member.
     */
    private void relink(int[] starts, int oldClusters) {
        IntSet seen = new IntSet();
        int fresh = 0;
        for (int s : starts) {
            if (seen.contains(s)) {
                continue;
            }
            int[] members = component(s, seen);
            int min = Integer.MAX_VALUE;
            for (int m : members) {
                min = Math.min(min, seqOf[m]);
                hot[m * H_STRIDE + H_PARENT] = s;
            }
            hot[s * H_STRIDE + H_PARENT] = -members.length;
            hot[s * H_STRIDE + H_MIN] = min;
            fresh++;
        }
        clusters += fresh - oldClusters;
    }

    /** A small open-addressing set of non-negative ints for searches over one cluster. */
    private static final class IntSet {
        private int[] slots = new int[16]; // value + 1, 0 = empty
        private int size;

        boolean contains(int v) {
            int mask = slots.length - 1;
            for (int i = fmix(v) & mask; slots[i] != 0; i = (i + 1) & mask) {
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
            int i = fmix(v) & mask;
            for (; slots[i] != 0; i = (i + 1) & mask) {
                if (slots[i] == v + 1) {
                    return false;
                }
            }
            slots[i] = v + 1;
            size++;
            return true;
        }
    }

    // ---------------------------------------------------------------- pair set

    private static long pairKey(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    /**
     * Where probing for a pair starts: a function of the two identifiers' hashes, not of their
     * slots, so that it is known (and its cache miss can start) before the identifiers are found.
     * The entries themselves hold the exact slot pair.
     */
    private static int pairPosition(int hashA, int hashB, int mask) {
        int lo = Math.min(hashA, hashB);
        int hi = Math.max(hashA, hashB);
        return fmix(((long) hi << 32) ^ (lo & 0xFFFFFFFFL) ^ 0x632BE59BD9B4E019L) & mask;
    }

    /** Whether the pair is in the set, probing from its slot {@code i} whose entry {@code k} was read already. */
    private boolean hasPair(long key, int i, long k) {
        int mask = pairs.length - 1;
        while (k != 0) {
            if (k == key) {
                return true;
            }
            i = (i + 1) & mask;
            k = pairs[i];
        }
        return false;
    }

    private void addPair(long key, int hashA, int hashB) {
        if ((pairsUsed + 1) * 4L > pairs.length * 3L) {
            rehashPairs(pairs.length * 2, null);
        }
        int mask = pairs.length - 1;
        int i = pairPosition(hashA, hashB, mask);
        while (pairs[i] != 0 && pairs[i] != PAIR_TOMBSTONE) {
            i = (i + 1) & mask;
        }
        if (pairs[i] == 0) {
            pairsUsed++;
        }
        pairs[i] = key;
    }

    private void removePair(int a, int b) {
        long key = pairKey(a, b);
        int mask = pairs.length - 1;
        for (int i = pairPosition(hashAt(a), hashAt(b), mask); pairs[i] != 0; i = (i + 1) & mask) {
            if (pairs[i] == key) {
                pairs[i] = PAIR_TOMBSTONE;
                return;
            }
        }
    }

    /** Rebuilds the pair set at {@code size} entries, renaming slots by {@code moved} if given. */
    private void rehashPairs(int size, int[] moved) {
        long[] old = pairs;
        pairs = new long[size];
        pairsUsed = 0;
        for (long k : old) {
            if (k != 0 && k != PAIR_TOMBSTONE) {
                int a = (int) (k >>> 32);
                int b = (int) k;
                if (moved != null) {
                    a = moved[a];
                    b = moved[b];
                }
                addPair(pairKey(a, b), hashAt(a), hashAt(b));
            }
        }
    }

    // ---------------------------------------------------------------- links

    private int findLink(int a, int b) {
        // scan the shorter list where the counts are kept
        boolean la = limited(typeIndex(a));
        boolean lb = limited(typeIndex(b));
        int from = la && (!lb || partners[a] > partners[b]) ? b : a;
        int to = from == a ? b : a;
        for (int e = head(from); e >= 0; e = nextEdge(e)) {
            if (state(e >>> 1) != REMOVED && far(e) == to) {
                return e >>> 1;
            }
        }
        return -1;
    }

    private int evidenceIndexOf(String evidence) {
        String[] recent = recentEvidence;
        for (int i = 0; i < recent.length; i++) {
            if (recent[i] == evidence) {
                return recentEvidenceIndex[i];
            }
        }
        int index = evidenceIndex.computeIfAbsent(evidence, k -> {
            evidences.add(k);
            return evidences.size() - 1;
        });
        int slot = recentEvidenceNext;
        recentEvidenceNext = (slot + 1) & (recent.length - 1);
        recent[slot] = evidence;
        recentEvidenceIndex[slot] = index;
        return index;
    }

    private int storeLink(int a, int b, IdentityLink link) {
        int l = linkCount;
        if (l == linkMillis.length) {
            if (l == MAX_LINKS) {
                throw new IllegalStateException("identity graph is full (" + MAX_LINKS + " links)");
            }
            int cap = Math.min(grow(l), MAX_LINKS);
            links = Arrays.copyOf(links, cap * L_STRIDE);
            linkMillis = Arrays.copyOf(linkMillis, cap);
            linkEvidence = Arrays.copyOf(linkEvidence, cap);
        }
        linkCount++;
        liveLinks++;
        linkMillis[l] = link.at().toEpochMilli();
        linkEvidence[l] = evidenceIndexOf(link.evidence());
        int[] h = hot;
        int i = l * L_STRIDE;
        links[i + L_A] = a;
        links[i + L_B] = b; // state ACTIVE is 0
        links[i + L_NEXT] = h[a * H_STRIDE + H_HEAD];
        h[a * H_STRIDE + H_HEAD] = 2 * l;
        links[i + L_NEXT + 1] = h[b * H_STRIDE + H_HEAD];
        h[b * H_STRIDE + H_HEAD] = 2 * l + 1;
        if (limited(typeIndex(a))) {
            partners[a]++;
        }
        if (limited(typeIndex(b))) {
            partners[b]++;
        }
        return l;
    }

    private IdentityLink linkAt(int l) {
        return new IdentityLink(identifierAt(linkA(l)), identifierAt(linkB(l)), Instant.ofEpochMilli(linkMillis[l]),
                evidences.get(linkEvidence[l]));
    }

    @Override
    public LinkResult addLink(IdentityLink link) {
        Objects.requireNonNull(link, "link");
        ensureRoom(2);
        describe(link, probeX, probeY);
        return addDescribed(link, probeX, probeY);
    }

    /** Fills the probes of both identifiers of a link, registering types seen for the first time. */
    private void describe(IdentityLink link, Probe px, Probe py) {
        Identifier x = link.first();
        Identifier y = link.second();
        int tx = typeIndexOrMinus(x.type());
        if (tx < 0) {
            tx = addType(x.type());
        }
        int ty = typeIndexOrMinus(y.type());
        if (ty < 0) {
            ty = addType(y.type());
        }
        describe(tx, x.value(), px);
        describe(ty, y.value(), py);
    }

    /**
     * Batches of this many links are read ahead: their records, pair-set slots and parents are
     * touched for the whole batch before the links are added one by one, so that many cache
     * misses are in flight at once instead of the three or so of a single link.
     */
    private static final int BATCH = 32;
    private Probe[] batchProbes;
    private int prefetchSink; // keeps the touching reads from being optimized away

    @Override
    public List<LinkResult> addLinks(List<IdentityLink> batch) {
        Objects.requireNonNull(batch, "links");
        for (IdentityLink link : batch) {
            Objects.requireNonNull(link, "link");
        }
        int n = batch.size();
        LinkResult[] out = new LinkResult[n];
        if (batchProbes == null) {
            batchProbes = new Probe[2 * BATCH];
            Arrays.setAll(batchProbes, i -> new Probe());
        }
        Probe[] probes = batchProbes;
        IdentityLink[] chunk = new IdentityLink[BATCH];
        int[] slots = new int[2 * BATCH];
        for (int start = 0; start < n; start += BATCH) {
            int m = Math.min(BATCH, n - start);
            ensureRoom(2 * m); // no slot moves within the batch
            for (int k = 0; k < m; k++) {
                IdentityLink link = batch.get(start + k);
                chunk[k] = link;
                describe(link, probes[2 * k], probes[2 * k + 1]);
            }
            // the touching loops are kept short so that all their misses fit in the out-of-order window together
            int[] h = hot;
            long[] p = pairs;
            int mask = p.length - 1;
            int touched = 0;
            for (int k = 0; k < m; k++) {
                Probe px = probes[2 * k];
                Probe py = probes[2 * k + 1];
                touched += h[px.home * H_STRIDE + H_META] + h[py.home * H_STRIDE + H_META]
                        + (int) p[pairPosition(px.hash, py.hash, mask)];
            }
            for (int k = 0; k < 2 * m; k++) {
                slots[k] = locate(probes[k], probes[k].home);
            }
            // second wave: the parents' records of the identifiers already known
            for (int k = 0; k < 2 * m; k++) {
                int x = slots[k];
                if (x >= 0) {
                    touched += h[Math.max(h[x * H_STRIDE + H_PARENT], 0) * H_STRIDE];
                }
            }
            prefetchSink += touched;
            for (int k = 0; k < m; k++) {
                out[start + k] = addDescribed(chunk[k], probes[2 * k], probes[2 * k + 1]);
            }
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    /**
     * Adds a link whose identifiers are described by {@code px} and {@code py}; the table must
     * have room for both (no slot may move while the probes are in use).
     */
    private LinkResult addDescribed(IdentityLink link, Probe px, Probe py) {
        int[] h = hot;
        int hx = px.home;
        int hy = py.home;
        long[] ps = pairs;
        int pairAt = pairPosition(px.hash, py.hash, ps.length - 1);
        // read both home records and the pair slot before using any, so that their cache misses overlap
        int mx = h[hx * H_STRIDE + H_META];
        int my = h[hy * H_STRIDE + H_META];
        long pairThere = ps[pairAt];
        int a = matches(hx, mx, px) ? hx : locate(px, hx);
        int b = matches(hy, my, py) ? hy : locate(py, hy);
        if (a < 0) {
            a = insert(px, -a - 1);
            if (b < 0) {
                b = locate(py, hy); // x may have taken the slot y was to go to
            }
        }
        if (b < 0) {
            b = insert(py, -b - 1);
        }
        int metaA = h[a * H_STRIDE + H_META];
        int metaB = h[b * H_STRIDE + H_META];
        boolean superA = (metaA & SUPER) != 0;
        boolean superB = (metaB & SUPER) != 0;
        long pair = pairKey(a, b);
        int ra = find(a);
        int rb = find(b);
        // a live link between different clusters can only be a suppressed one
        if ((ra == rb || superA || superB) && hasPair(pair, pairAt, pairThere)) {
            return LinkResult.DUPLICATE;
        }
        int l = storeLink(a, b, link);
        addPair(pair, px.hash, py.hash);
        if (superA || superB) {
            setState(l, SUPPRESSED);
            if (superA) {
                superNodes.get(seqOf[a])[0]++;
            }
            if (superB) {
                superNodes.get(seqOf[b])[0]++;
            }
            return LinkResult.SUPPRESSED_SUPER_NODE;
        }
        boolean tripped = false;
        // the counts are a cache miss away and kept for limited types only
        int limitA = typeLimits[metaA >>> TYPE_SHIFT];
        int limitB = typeLimits[metaB >>> TYPE_SHIFT];
        if (limitA != Integer.MAX_VALUE && partners[a] > limitA) {
            becomeSuperNode(a);
            tripped = true;
        }
        if (limitB != Integer.MAX_VALUE && partners[b] > limitB) {
            becomeSuperNode(b);
            tripped = true;
        }
        if (tripped) {
            return LinkResult.SUPPRESSED_SUPER_NODE;
        }
        if (ra == rb) {
            return LinkResult.SAME_CUSTOMER;
        }
        int minA = h[ra * H_STRIDE + H_MIN];
        int minB = h[rb * H_STRIDE + H_MIN];
        union(ra, rb);
        recordMerge(l, Math.min(minA, minB), Math.max(minA, minB));
        return LinkResult.MERGED;
    }

    private void recordMerge(int l, int survivor, int absorbed) {
        if (mergeCount == mergeLink.length) {
            int cap = grow(mergeCount);
            mergeSeq = Arrays.copyOf(mergeSeq, cap);
            mergeLink = Arrays.copyOf(mergeLink, cap);
            mergeSurvivor = Arrays.copyOf(mergeSurvivor, cap);
            mergeAbsorbed = Arrays.copyOf(mergeAbsorbed, cap);
        }
        mergeSeq[mergeCount] = mergeSequence++;
        mergeLink[mergeCount] = l;
        mergeSurvivor[mergeCount] = survivor;
        mergeAbsorbed[mergeCount] = absorbed;
        mergeCount++;
    }

    private void becomeSuperNode(int x) {
        hot[x * H_STRIDE + H_META] |= SUPER;
        // x and its active partners reach every identifier of the cluster(s) this changes; the
        // link that tripped the limit was not merged yet, so its far end may be another cluster
        int[] starts = new int[1 + partners[x]];
        int n = 0;
        starts[n++] = x;
        IntSet oldRoots = new IntSet();
        oldRoots.add(find(x));
        int suppressed = 0;
        for (int e = head(x); e >= 0; e = nextEdge(e)) {
            int l = e >>> 1;
            if (state(l) == ACTIVE) {
                setState(l, SUPPRESSED);
                starts[n++] = far(e);
                oldRoots.add(find(far(e)));
            }
            if (state(l) == SUPPRESSED) {
                suppressed++;
            }
        }
        superNodes.put(seqOf[x], new int[] {suppressed});
        if (n > 1) {
            relink(Arrays.copyOf(starts, n), oldRoots.size);
        }
        // type and sequence number only: the value is personal data
        LOG.warn("identifier #{} of type {} is linked to {} distinct identifiers, above the limit {}; "
                        + "its {} links are no longer used for merging", seqOf[x], types[typeIndex(x)], partners[x],
                typeLimits[typeIndex(x)], suppressed);
    }

    @Override
    public CustomerKey addIdentifier(Identifier identifier) {
        Objects.requireNonNull(identifier, "identifier");
        return keyOf(find(intern(identifier)));
    }

    // ---------------------------------------------------------------- queries

    private CustomerKey keyOf(int root) {
        return new CustomerKey(keyPrefix + hot[root * H_STRIDE + H_MIN]);
    }

    /** The root of the cluster a key names, or -1. */
    private int rootOf(CustomerKey key) {
        Objects.requireNonNull(key, "customer");
        String v = key.value();
        if (!v.startsWith(keyPrefix) || v.length() == keyPrefix.length() || v.length() - keyPrefix.length() > 10) {
            return -1;
        }
        long n = 0;
        for (int i = keyPrefix.length(); i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        if (n >= seqCount || seqToSlot[(int) n] < 0) {
            return -1;
        }
        int root = find(seqToSlot[(int) n]);
        return hot[root * H_STRIDE + H_MIN] == n ? root : -1;
    }

    @Override
    public Optional<CustomerKey> resolve(Identifier identifier) {
        Objects.requireNonNull(identifier, "identifier");
        int node = lookup(identifier);
        return node < 0 ? Optional.empty() : Optional.of(keyOf(find(node)));
    }

    @Override
    public boolean contains(CustomerKey customer) {
        return rootOf(customer) >= 0;
    }

    /** Members of a cluster, oldest first. */
    private int[] membersBySeq(int root) {
        int[] members = members(root);
        long[] order = new long[members.length];
        for (int i = 0; i < members.length; i++) {
            order[i] = ((long) seqOf[members[i]] << 32) | members[i];
        }
        Arrays.sort(order);
        for (int i = 0; i < members.length; i++) {
            members[i] = (int) order[i];
        }
        return members;
    }

    @Override
    public List<Identifier> identifiersOf(CustomerKey customer) {
        int root = rootOf(customer);
        if (root < 0) {
            return List.of();
        }
        int[] members = membersBySeq(root);
        List<Identifier> out = new ArrayList<>(members.length);
        for (int m : members) {
            out.add(identifierAt(m));
        }
        return List.copyOf(out);
    }

    @Override
    public Optional<MergeExplanation> explain(Identifier a, Identifier b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        int na = lookup(a);
        int nb = lookup(b);
        if (na < 0 || nb < 0 || find(na) != find(nb)) {
            return Optional.empty();
        }
        CustomerKey key = keyOf(find(na));
        if (na == nb) {
            return Optional.of(new MergeExplanation(a, b, key, List.of()));
        }
        // breadth-first over active links, so the chain is a shortest one; the cluster bounds the search
        Map<Integer, Integer> via = new HashMap<>();
        via.put(na, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(na);
        while (!queue.isEmpty() && !via.containsKey(nb)) {
            int x = queue.poll();
            for (int e = head(x); e >= 0; e = nextEdge(e)) {
                if (state(e >>> 1) != ACTIVE) {
                    continue;
                }
                int other = far(e);
                if (!via.containsKey(other)) {
                    via.put(other, e >>> 1);
                    queue.add(other);
                }
            }
        }
        List<IdentityLink> chain = new ArrayList<>();
        int x = nb;
        while (x != na) {
            int l = via.get(x);
            chain.add(linkAt(l));
            x = linkA(l) == x ? linkB(l) : linkA(l);
        }
        Collections.reverse(chain);
        return Optional.of(new MergeExplanation(a, b, key, chain));
    }

    @Override
    public List<MergeEvent> mergeHistory() {
        List<MergeEvent> out = new ArrayList<>(mergeCount);
        for (int i = 0; i < mergeCount; i++) {
            out.add(new MergeEvent(mergeSeq[i], linkAt(mergeLink[i]),
                    new CustomerKey(keyPrefix + mergeSurvivor[i]), new CustomerKey(keyPrefix + mergeAbsorbed[i])));
        }
        return List.copyOf(out);
    }

    @Override
    public List<SuperNodeReport> superNodes() {
        List<SuperNodeReport> out = new ArrayList<>();
        superNodes.forEach((seq, suppressed) -> {
            int node = seqToSlot[seq];
            out.add(new SuperNodeReport(identifierAt(node), typeLimits[typeIndex(node)], partners[node],
                    suppressed[0]));
        });
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- corrections

    private void removeLink(int l) {
        int a = linkA(l);
        int b = linkB(l);
        if (state(l) == SUPPRESSED) {
            for (int node : new int[] {a, b}) {
                int[] count = superNodes.get(seqOf[node]);
                if (count != null) {
                    count[0]--;
                }
            }
        }
        setState(l, REMOVED);
        removePair(a, b);
        liveLinks--;
        if (limited(typeIndex(a))) {
            partners[a]--;
        }
        if (limited(typeIndex(b))) {
            partners[b]--;
        }
    }

    @Override
    public SplitResult unlink(Identifier a, Identifier b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        int na = lookup(a);
        int nb = lookup(b);
        if (na < 0 || nb < 0) {
            return new SplitResult(0, List.of());
        }
        int removed = 0;
        boolean wasActive = false;
        for (int l = findLink(na, nb); l >= 0; l = findLink(na, nb)) {
            wasActive |= state(l) == ACTIVE;
            removeLink(l);
            removed++;
        }
        if (wasActive) {
            // an active link joined one cluster, and every part of it is now around one of its ends
            relink(new int[] {na, nb}, 1);
        }
        int ra = find(na);
        int rb = find(nb);
        List<CustomerKey> keys = ra == rb ? List.of(keyOf(ra)) : List.of(keyOf(ra), keyOf(rb));
        return new SplitResult(removed, keys);
    }

    @Override
    public ClusterErasure erase(CustomerKey customer) {
        int root = rootOf(customer);
        if (root < 0) {
            return new ClusterErasure(customer, 0, 0, 0);
        }
        int[] members = members(root);
        int mergesRemoved = 0;
        int kept = 0;
        for (int i = 0; i < mergeCount; i++) {
            int l = mergeLink[i];
            if (isMember(linkA(l), root) || isMember(linkB(l), root)) {
                mergesRemoved++;
            } else {
                mergeSeq[kept] = mergeSeq[i];
                mergeLink[kept] = mergeLink[i];
                mergeSurvivor[kept] = mergeSurvivor[i];
                mergeAbsorbed[kept] = mergeAbsorbed[i];
                kept++;
            }
        }
        mergeCount = kept;
        int linksRemoved = 0;
        for (int m : members) {
            for (int e = head(m); e >= 0; e = nextEdge(e)) {
                if (state(e >>> 1) != REMOVED) {
                    removeLink(e >>> 1);
                    linksRemoved++;
                }
            }
        }
        BitSet gone = new BitSet(capacity);
        for (int m : members) {
            gone.set(m);
            superNodes.remove(seqOf[m]);
            unintern(m);
            liveNodes--;
        }
        // forget which identifiers the removed links joined and when, not only that they were removed
        for (int l = 0; l < linkCount; l++) {
            int i = l * L_STRIDE;
            if (state(l) == REMOVED && (gone.get(links[i + L_A]) || gone.get(linkB(l)))) {
                links[i + L_A] = 0;
                links[i + L_B] = REMOVED << 30;
                linkMillis[l] = 0;
                linkEvidence[l] = 0;
            }
        }
        clusters--;
        return new ClusterErasure(customer, members.length, linksRemoved, mergesRemoved);
    }

    private boolean isMember(int node, int root) {
        return (meta(node) & ERASED) == 0 && find(node) == root;
    }

    // ---------------------------------------------------------------- dumps

    @Override
    public List<Identifier> identifiers() {
        List<Identifier> out = new ArrayList<>(liveNodes);
        for (int q = 0; q < seqCount; q++) {
            if (seqToSlot[q] >= 0) {
                out.add(identifierAt(seqToSlot[q]));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public List<IdentityLink> links() {
        List<IdentityLink> out = new ArrayList<>(liveLinks);
        for (int l = 0; l < linkCount; l++) {
            if (state(l) != REMOVED) {
                out.add(linkAt(l));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public int identifierCount() {
        return liveNodes;
    }

    @Override
    public int linkCount() {
        return liveLinks;
    }

    @Override
    public int customerCount() {
        return clusters;
    }
}
