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
 * Union-find on primitive arrays. Identifiers are interned to dense ints (open addressing,
 * linear probing, the hash kept in the node record so that probes rarely touch the identifier
 * objects). Links are threaded into per-identifier adjacency lists (forward star: half-edge
 * {@code 2l} hangs off the first identifier of link {@code l}, {@code 2l+1} off the second) so
 * that one cluster can be rebuilt without touching the others. A circular member list per
 * cluster enumerates its identifiers.
 *
 * <p>Everything one step of the stitching loop reads about a node (parent, size, hash,
 * adjacency head, ...) sits in one 32-byte record of an int array, and everything about a link
 * in one 16-byte record: with millions of identifiers each access is a cache miss, so the
 * layout, not the arithmetic, decides the speed.
 */
final class UnionFindIdentityGraph implements IdentityGraph {

    private static final Logger LOG = LoggerFactory.getLogger(UnionFindIdentityGraph.class);

    private static final int ACTIVE = 0;
    private static final int SUPPRESSED = 1;
    private static final int REMOVED = 2;

    private static final int NODE_SUPER = 1;
    private static final int NODE_ERASED = 2;
    private static final int NODE_INLINE = 4; // the value is in the record; bits 3..7 of the flags hold its length

    private static final int TOMBSTONE = -1;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int MAX_NODES = MAX_ARRAY / 13; // N_STRIDE ints per node in one int array
    private static final int MAX_LINKS = MAX_ARRAY / 4; // L_STRIDE ints per link

    // node record layout
    private static final int N_STRIDE = 13;
    private static final int N_PARENT = 0;
    private static final int N_SIZE = 1;
    private static final int N_MIN = 2;
    private static final int N_NEXT = 3;
    private static final int N_HEAD = 4;
    private static final int N_PARTNERS = 5;
    private static final int N_META = 6; // type index << 8 | flags
    private static final int N_HASH = 7;
    private static final int N_OFF = 8; // start of the value in the arena; its end is the next node's start
    private static final int N_INLINE = 9; // values of up to 16 chars in 0..255 also sit here, 4 per int
    private static final int INLINE_CHARS = 16;

    // link record layout: first node, second node | state << 30, next half-edge of each end
    private static final int L_STRIDE = 4;
    private static final int L_A = 0;
    private static final int L_B = 1;
    private static final int L_NEXT = 2;
    private static final int NODE_MASK = (1 << 30) - 1;

    private final String keyPrefix;
    private final Map<IdentifierType, Integer> limitsByType;

    private int nodeCount;
    private int[] nodes;
    // identifier values back to back: no object per identifier, one cache miss to compare
    private char[] arena;
    private int arenaUsed;
    private int liveNodes;
    private int clusters;

    // interner: slot holds node+1, 0 = empty, TOMBSTONE = erased
    private int[] table;
    private int tableUsed;

    private IdentifierType[] types = new IdentifierType[0];
    private int[] typeLimits = new int[0];

    // distinct live pairs (min << 32 | max) for exact duplicate detection in O(1)
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
    private String lastEvidence;
    private int lastEvidenceIndex;

    private int mergeCount;
    private long mergeSequence;
    private long[] mergeSeq;
    private int[] mergeLink;
    private int[] mergeSurvivor;
    private int[] mergeAbsorbed;

    // super-nodes in order of discovery: node -> suppressed link count
    private final Map<Integer, int[]> superNodes = new LinkedHashMap<>();

    UnionFindIdentityGraph(IdentityConfig config) {
        Objects.requireNonNull(config, "config");
        this.keyPrefix = config.keyPrefix();
        this.limitsByType = config.superNodeLimits();
        int n = Math.min(config.expectedIdentifiers(), MAX_NODES);
        nodes = new int[n * N_STRIDE];
        arena = new char[(int) Math.min(MAX_ARRAY, Math.max(16L, n * 12L))];
        table = new int[tableSizeFor(n)];
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

    /** Pairs are probed within a cache line or two, so their table runs fuller (at most 3/4) to save memory. */
    private static int pairTableSizeFor(int entries) {
        long want = Math.max(16L, (long) Math.ceil(entries / 0.75));
        int size = Integer.highestOneBit((int) Math.min(want, 1 << 30));
        return size < want ? size << 1 : size;
    }

    private static int tableSizeFor(int entries) {
        long want = Math.max(16L, (long) entries * 2);
        int size = Integer.highestOneBit((int) Math.min(want, 1 << 30));
        return size < want ? size << 1 : size;
    }

    // ---------------------------------------------------------------- accessors

    private int parent(int x) {
        return nodes[x * N_STRIDE + N_PARENT];
    }

    private int size(int x) {
        return nodes[x * N_STRIDE + N_SIZE];
    }

    private int minMember(int x) {
        return nodes[x * N_STRIDE + N_MIN];
    }

    private int nextMember(int x) {
        return nodes[x * N_STRIDE + N_NEXT];
    }

    private int head(int x) {
        return nodes[x * N_STRIDE + N_HEAD];
    }

    private int partners(int x) {
        return nodes[x * N_STRIDE + N_PARTNERS];
    }

    private int flags(int x) {
        return nodes[x * N_STRIDE + N_META] & 0xFF;
    }

    private int typeIndex(int x) {
        return nodes[x * N_STRIDE + N_META] >>> 8;
    }

    private boolean isSuper(int x) {
        return (flags(x) & NODE_SUPER) != 0;
    }

    private boolean isErased(int x) {
        return (flags(x) & NODE_ERASED) != 0;
    }

    private void setFlag(int x, int flag) {
        nodes[x * N_STRIDE + N_META] |= flag;
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

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** Packs a short Latin-1 value into the record at {@code b}; returns the flag bits to set. */
    private int inline(String value, int b) {
        int n = value.length();
        if (n > INLINE_CHARS) {
            return 0;
        }
        for (int i = 0; i < n; i++) {
            if (value.charAt(i) > 0xFF) {
                return 0;
            }
        }
        for (int k = 0; k < INLINE_CHARS / 4; k++) {
            nodes[b + N_INLINE + k] = 0;
        }
        for (int i = 0; i < n; i++) {
            nodes[b + N_INLINE + (i >>> 2)] |= value.charAt(i) << ((i & 3) << 3);
        }
        return NODE_INLINE | (n << 3);
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

    private static int hash(int typeIndex, String value) {
        return mix(value.hashCode() * 31 + typeIndex);
    }

    private int valueStart(int node) {
        return nodes[node * N_STRIDE + N_OFF];
    }

    private int valueEnd(int node) {
        return node + 1 < nodeCount ? nodes[(node + 1) * N_STRIDE + N_OFF] : arenaUsed;
    }

    private boolean sameIdentifier(int node, int typeIndex, String value) {
        int meta = nodes[node * N_STRIDE + N_META];
        if (meta >>> 8 != typeIndex) {
            return false;
        }
        if ((meta & NODE_INLINE) != 0) {
            // compared within the node record, which the hash check has just brought into the cache
            int n = value.length();
            if (((meta >>> 3) & 0x1F) != n) {
                return false;
            }
            int base = node * N_STRIDE + N_INLINE;
            for (int i = 0; i < n; i++) {
                if (((nodes[base + (i >>> 2)] >>> ((i & 3) << 3)) & 0xFF) != value.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
        int start = valueStart(node);
        if (valueEnd(node) - start != value.length()) {
            return false;
        }
        char[] a = arena;
        for (int i = 0; i < value.length(); i++) {
            if (a[start + i] != value.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private Identifier identifierAt(int node) {
        int start = valueStart(node);
        return new Identifier(types[typeIndex(node)], new String(arena, start, valueEnd(node) - start));
    }

    /** The node of an identifier, or -1. */
    private int lookup(Identifier id) {
        int type = typeIndexOrMinus(id.type());
        if (type < 0) {
            return -1;
        }
        String value = id.value();
        int h = hash(type, value);
        int mask = table.length - 1;
        int i = h & mask;
        while (true) {
            int slot = table[i];
            if (slot == 0) {
                return -1;
            }
            if (slot > 0 && nodes[(slot - 1) * N_STRIDE + N_HASH] == h && sameIdentifier(slot - 1, type, value)) {
                return slot - 1;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Both nodes packed into a long when both identifiers sit at their home slot, else -1. The
     * common case of an incremental load, written so that the two identifiers' cache misses
     * (table slot, node record, value) are in flight together rather than one after the other.
     */
    private long lookupPair(Identifier x, Identifier y) {
        int tx = typeIndexOrMinus(x.type());
        int ty = typeIndexOrMinus(y.type());
        if (tx < 0 || ty < 0) {
            return -1;
        }
        String vx = x.value();
        String vy = y.value();
        int hx = hash(tx, vx);
        int hy = hash(ty, vy);
        int mask = table.length - 1;
        int sx = table[hx & mask];
        int sy = table[hy & mask];
        if (sx <= 0 || sy <= 0) {
            return -1;
        }
        int nx = sx - 1;
        int ny = sy - 1;
        int gx = nodes[nx * N_STRIDE + N_HASH];
        int gy = nodes[ny * N_STRIDE + N_HASH];
        if (gx != hx || gy != hy || !sameIdentifier(nx, tx, vx) || !sameIdentifier(ny, ty, vy)) {
            return -1;
        }
        return ((long) nx << 32) | ny;
    }

    private int intern(Identifier id) {
        int type = typeIndexOrMinus(id.type());
        if (type < 0) {
            type = addType(id.type());
        }
        String value = id.value();
        int h = hash(type, value);
        int mask = table.length - 1;
        int i = h & mask;
        int firstTomb = -1;
        while (true) {
            int slot = table[i];
            if (slot == 0) {
                break;
            }
            if (slot == TOMBSTONE) {
                if (firstTomb < 0) {
                    firstTomb = i;
                }
            } else if (nodes[(slot - 1) * N_STRIDE + N_HASH] == h && sameIdentifier(slot - 1, type, value)) {
                return slot - 1;
            }
            i = (i + 1) & mask;
        }
        int node = newNode(type, value, h);
        if (firstTomb >= 0) {
            table[firstTomb] = node + 1;
        } else {
            table[i] = node + 1;
            tableUsed++;
            if (tableUsed * 2 > table.length) {
                rehash(table.length * 2);
            }
        }
        return node;
    }

    private void rehash(int newSize) {
        int[] fresh = new int[newSize];
        int mask = newSize - 1;
        int used = 0;
        for (int slot : table) {
            if (slot > 0) {
                int i = nodes[(slot - 1) * N_STRIDE + N_HASH] & mask;
                while (fresh[i] != 0) {
                    i = (i + 1) & mask;
                }
                fresh[i] = slot;
                used++;
            }
        }
        table = fresh;
        tableUsed = used;
    }

    private void unintern(int node) {
        int mask = table.length - 1;
        int i = nodes[node * N_STRIDE + N_HASH] & mask;
        while (table[i] != node + 1) {
            i = (i + 1) & mask;
        }
        table[i] = TOMBSTONE;
    }

    private int newNode(int type, String value, int hash) {
        int node = nodeCount;
        if (node == MAX_NODES) {
            throw new IllegalStateException("identity graph is full (" + MAX_NODES + " identifiers)");
        }
        if ((node + 1) * N_STRIDE > nodes.length) {
            int cap = Math.min(grow(node), MAX_NODES);
            nodes = Arrays.copyOf(nodes, cap * N_STRIDE);
        }
        if ((long) arenaUsed + value.length() > arena.length) {
            long cap = Math.max((long) arenaUsed + value.length(), (long) arena.length + (arena.length >> 1) + 16);
            if (cap > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("identity graph is full (" + arenaUsed + " characters of identifiers)");
            }
            arena = Arrays.copyOf(arena, (int) cap);
        }
        value.getChars(0, value.length(), arena, arenaUsed);
        int b = node * N_STRIDE;
        nodes[b + N_OFF] = arenaUsed;
        arenaUsed += value.length();
        nodeCount++;
        nodes[b + N_PARENT] = node;
        nodes[b + N_SIZE] = 1;
        nodes[b + N_MIN] = node;
        nodes[b + N_NEXT] = node;
        nodes[b + N_HEAD] = -1;
        nodes[b + N_PARTNERS] = 0;
        nodes[b + N_META] = (type << 8) | inline(value, b);
        nodes[b + N_HASH] = hash;
        liveNodes++;
        clusters++;
        return node;
    }

    private int addType(IdentifierType type) {
        int index = types.length;
        if (index >= 1 << 22) {
            throw new IllegalStateException("more than " + (1 << 22) + " identifier types");
        }
        types = Arrays.copyOf(types, index + 1);
        types[index] = type;
        typeLimits = Arrays.copyOf(typeLimits, index + 1);
        typeLimits[index] = limitsByType.getOrDefault(type, Integer.MAX_VALUE);
        return index;
    }

    private static int grow(int current) {
        long next = Math.max(16L, current + (current >> 1) + 1L);
        return (int) Math.min(next, MAX_ARRAY);
    }

    // ---------------------------------------------------------------- union-find

    private int find(int x) {
        int[] n = nodes;
        int p = n[x * N_STRIDE + N_PARENT];
        while (p != x) {
            int gp = n[p * N_STRIDE + N_PARENT];
            n[x * N_STRIDE + N_PARENT] = gp; // path halving
            x = gp;
            p = n[x * N_STRIDE + N_PARENT];
        }
        return x;
    }

    /** Joins two different roots by size; returns the new root. */
    private int union(int ra, int rb) {
        if (size(ra) < size(rb)) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        int a = ra * N_STRIDE;
        int b = rb * N_STRIDE;
        nodes[b + N_PARENT] = ra;
        nodes[a + N_SIZE] += nodes[b + N_SIZE];
        nodes[a + N_MIN] = Math.min(nodes[a + N_MIN], nodes[b + N_MIN]);
        int t = nodes[a + N_NEXT];
        nodes[a + N_NEXT] = nodes[b + N_NEXT];
        nodes[b + N_NEXT] = t;
        clusters--;
        return ra;
    }

    private int[] members(int root) {
        int[] out = new int[size(root)];
        int n = 0;
        int x = root;
        do {
            out[n++] = x;
            x = nextMember(x);
        } while (x != root);
        return out;
    }

    /** Rebuilds the cluster made of these members from their active links only. */
    private void rebuild(int[] members) {
        for (int m : members) {
            int b = m * N_STRIDE;
            nodes[b + N_PARENT] = m;
            nodes[b + N_SIZE] = 1;
            nodes[b + N_MIN] = m;
            nodes[b + N_NEXT] = m;
        }
        clusters += members.length - 1;
        for (int m : members) {
            for (int e = head(m); e >= 0; e = nextEdge(e)) {
                if (state(e >>> 1) != ACTIVE) {
                    continue;
                }
                int ra = find(m);
                int rb = find(far(e));
                if (ra != rb) {
                    union(ra, rb);
                }
            }
        }
    }

    // ---------------------------------------------------------------- pair set

    private static long pairKey(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    private static int pairSlot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }

    private boolean hasPair(int a, int b) {
        long key = pairKey(a, b);
        int mask = pairs.length - 1;
        for (int i = pairSlot(key, mask); ; i = (i + 1) & mask) {
            long k = pairs[i];
            if (k == 0) {
                return false;
            }
            if (k == key) {
                return true;
            }
        }
    }

    private void addPair(int a, int b) {
        if ((pairsUsed + 1) * 4L > pairs.length * 3L) {
            rehashPairs(pairs.length * 2);
        }
        long key = pairKey(a, b);
        int mask = pairs.length - 1;
        int i = pairSlot(key, mask);
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
        for (int i = pairSlot(key, mask); pairs[i] != 0; i = (i + 1) & mask) {
            if (pairs[i] == key) {
                pairs[i] = PAIR_TOMBSTONE;
                return;
            }
        }
    }

    private void rehashPairs(int size) {
        long[] fresh = new long[size];
        int mask = size - 1;
        int used = 0;
        for (long k : pairs) {
            if (k != 0 && k != PAIR_TOMBSTONE) {
                int i = pairSlot(k, mask);
                while (fresh[i] != 0) {
                    i = (i + 1) & mask;
                }
                fresh[i] = k;
                used++;
            }
        }
        pairs = fresh;
        pairsUsed = used;
    }

    // ---------------------------------------------------------------- links

    private int findLink(int a, int b) {
        int from = partners(a) <= partners(b) ? a : b;
        int to = from == a ? b : a;
        for (int e = head(from); e >= 0; e = nextEdge(e)) {
            if (state(e >>> 1) != REMOVED && far(e) == to) {
                return e >>> 1;
            }
        }
        return -1;
    }

    private int evidenceIndexOf(String evidence) {
        if (evidence == lastEvidence) {
            return lastEvidenceIndex;
        }
        int index = evidenceIndex.computeIfAbsent(evidence, k -> {
            evidences.add(k);
            return evidences.size() - 1;
        });
        lastEvidence = evidence;
        lastEvidenceIndex = index;
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
        int i = l * L_STRIDE;
        links[i + L_A] = a;
        links[i + L_B] = b; // state ACTIVE is 0
        links[i + L_NEXT] = nodes[a * N_STRIDE + N_HEAD];
        nodes[a * N_STRIDE + N_HEAD] = 2 * l;
        links[i + L_NEXT + 1] = nodes[b * N_STRIDE + N_HEAD];
        nodes[b * N_STRIDE + N_HEAD] = 2 * l + 1;
        nodes[a * N_STRIDE + N_PARTNERS]++;
        nodes[b * N_STRIDE + N_PARTNERS]++;
        return l;
    }

    private IdentityLink linkAt(int l) {
        return new IdentityLink(identifierAt(linkA(l)), identifierAt(linkB(l)), Instant.ofEpochMilli(linkMillis[l]),
                evidences.get(linkEvidence[l]));
    }

    @Override
    public LinkResult addLink(IdentityLink link) {
        Objects.requireNonNull(link, "link");
        int a;
        int b;
        long both = lookupPair(link.first(), link.second());
        if (both >= 0) {
            a = (int) (both >>> 32);
            b = (int) both;
        } else {
            a = intern(link.first());
            b = intern(link.second());
        }
        boolean superA = isSuper(a);
        boolean superB = isSuper(b);
        int ra = find(a);
        int rb = find(b);
        // a live link between different clusters can only be a suppressed one
        if ((ra == rb || superA || superB) && hasPair(a, b)) {
            return LinkResult.DUPLICATE;
        }
        int l = storeLink(a, b, link);
        addPair(a, b);
        if (superA || superB) {
            setState(l, SUPPRESSED);
            if (superA) {
                superNodes.get(a)[0]++;
            }
            if (superB) {
                superNodes.get(b)[0]++;
            }
            return LinkResult.SUPPRESSED_SUPER_NODE;
        }
        boolean tripped = false;
        if (partners(a) > typeLimits[typeIndex(a)]) {
            becomeSuperNode(a);
            tripped = true;
        }
        if (partners(b) > typeLimits[typeIndex(b)]) {
            becomeSuperNode(b);
            tripped = true;
        }
        if (tripped) {
            return LinkResult.SUPPRESSED_SUPER_NODE;
        }
        if (ra == rb) {
            return LinkResult.SAME_CUSTOMER;
        }
        int minA = minMember(ra);
        int minB = minMember(rb);
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
        setFlag(x, NODE_SUPER);
        int suppressed = 0;
        boolean hadActive = false;
        for (int e = head(x); e >= 0; e = nextEdge(e)) {
            int l = e >>> 1;
            if (state(l) == ACTIVE) {
                setState(l, SUPPRESSED);
                hadActive = true;
            }
            if (state(l) == SUPPRESSED) {
                suppressed++;
            }
        }
        superNodes.put(x, new int[] {suppressed});
        if (hadActive) {
            rebuild(members(find(x)));
        }
        // type and internal number only: the value is personal data
        LOG.warn("identifier #{} of type {} is linked to {} distinct identifiers, above the limit {}; "
                        + "its {} links are no longer used for merging", x, types[typeIndex(x)], partners(x),
                typeLimits[typeIndex(x)], suppressed);
    }

    @Override
    public CustomerKey addIdentifier(Identifier identifier) {
        Objects.requireNonNull(identifier, "identifier");
        return keyOf(find(intern(identifier)));
    }

    // ---------------------------------------------------------------- queries

    private CustomerKey keyOf(int root) {
        return new CustomerKey(keyPrefix + minMember(root));
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
        if (n >= nodeCount || isErased((int) n)) {
            return -1;
        }
        int root = find((int) n);
        return minMember(root) == n ? root : -1;
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

    @Override
    public List<Identifier> identifiersOf(CustomerKey customer) {
        int root = rootOf(customer);
        if (root < 0) {
            return List.of();
        }
        int[] members = members(root);
        Arrays.sort(members);
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
        superNodes.forEach((node, suppressed) -> out.add(new SuperNodeReport(identifierAt(node),
                typeLimits[typeIndex(node)], partners(node), suppressed[0])));
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- corrections

    private void removeLink(int l) {
        int a = linkA(l);
        int b = linkB(l);
        if (state(l) == SUPPRESSED) {
            for (int node : new int[] {a, b}) {
                int[] count = superNodes.get(node);
                if (count != null) {
                    count[0]--;
                }
            }
        }
        setState(l, REMOVED);
        removePair(a, b);
        liveLinks--;
        nodes[a * N_STRIDE + N_PARTNERS]--;
        nodes[b * N_STRIDE + N_PARTNERS]--;
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
            rebuild(members(find(na)));
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
        BitSet gone = new BitSet(nodeCount);
        for (int m : members) {
            gone.set(m);
            unintern(m);
            superNodes.remove(m);
            int b = m * N_STRIDE;
            // overwrite the value: erased means gone from memory too, not only unreachable
            Arrays.fill(arena, valueStart(m), valueEnd(m), '\0');
            int off = nodes[b + N_OFF];
            Arrays.fill(nodes, b, b + N_STRIDE, 0);
            nodes[b + N_OFF] = off;
            nodes[b + N_PARENT] = m;
            nodes[b + N_SIZE] = 1;
            nodes[b + N_NEXT] = m;
            nodes[b + N_MIN] = m;
            nodes[b + N_HEAD] = -1;
            nodes[b + N_META] = NODE_ERASED;
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
        return !isErased(node) && find(node) == root;
    }

    // ---------------------------------------------------------------- dumps

    @Override
    public List<Identifier> identifiers() {
        List<Identifier> out = new ArrayList<>(liveNodes);
        for (int i = 0; i < nodeCount; i++) {
            if (!isErased(i)) {
                out.add(identifierAt(i));
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
