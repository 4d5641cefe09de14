package dev.o2o.core.identity;

import dev.o2o.core.CustomerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Union-find on primitive arrays. Identifiers are interned to dense ints (open addressing,
 * linear probing); links are stored column-wise and threaded into per-identifier adjacency
 * lists (forward star: half-edge {@code 2l} hangs off the first identifier of link {@code l},
 * {@code 2l+1} off the second) so that one cluster can be rebuilt without touching the others.
 * A circular member list per cluster enumerates its identifiers.
 */
final class UnionFindIdentityGraph implements IdentityGraph {

    private static final Logger LOG = LoggerFactory.getLogger(UnionFindIdentityGraph.class);

    private static final byte ACTIVE = 0;
    private static final byte SUPPRESSED = 1;
    private static final byte REMOVED = 2;

    private static final byte NODE_SUPER = 1;
    private static final byte NODE_ERASED = 2;

    private static final int TOMBSTONE = -1;

    private final String keyPrefix;
    private final Map<IdentifierType, Integer> limitsByType;

    // identifier columns
    private int nodeCount;
    private Identifier[] ids;
    private int[] parent;
    private int[] size;
    private int[] minMember;
    private int[] nextMember;
    private int[] head;
    private int[] partners;
    private short[] typeIndex;
    private byte[] nodeFlags;
    private int liveNodes;
    private int clusters;

    // interner: slot holds node+1, 0 = empty, TOMBSTONE = erased
    private int[] table;
    private int tableUsed;

    // identifier types
    private final Map<IdentifierType, Integer> typeIndexes = new HashMap<>();
    private int[] typeLimits = new int[0];

    // link columns
    private int linkCount;
    private int[] linkA;
    private int[] linkB;
    private long[] linkMillis;
    private int[] linkEvidence;
    private byte[] linkState;
    private int[] nextEdge;
    private int liveLinks;

    private final Map<String, Integer> evidenceIndex = new HashMap<>();
    private final List<String> evidences = new ArrayList<>();

    // merge history columns
    private int mergeCount;
    private long mergeSequence;
    private long[] mergeSeq = new long[16];
    private int[] mergeLink = new int[16];
    private int[] mergeSurvivor = new int[16];
    private int[] mergeAbsorbed = new int[16];

    // super-nodes in order of discovery: node -> suppressed link count
    private final Map<Integer, int[]> superNodes = new LinkedHashMap<>();

    UnionFindIdentityGraph(IdentityConfig config) {
        Objects.requireNonNull(config, "config");
        this.keyPrefix = config.keyPrefix();
        this.limitsByType = config.superNodeLimits();
        int n = config.expectedIdentifiers();
        ids = new Identifier[n];
        parent = new int[n];
        size = new int[n];
        minMember = new int[n];
        nextMember = new int[n];
        head = new int[n];
        partners = new int[n];
        typeIndex = new short[n];
        nodeFlags = new byte[n];
        table = new int[tableSizeFor(n)];
        int m = config.expectedLinks();
        linkA = new int[m];
        linkB = new int[m];
        linkMillis = new long[m];
        linkEvidence = new int[m];
        linkState = new byte[m];
        nextEdge = new int[2 * m];
    }

    private static int tableSizeFor(int entries) {
        long want = Math.max(16L, (long) entries * 2);
        int size = Integer.highestOneBit((int) Math.min(want, 1 << 30));
        return size < want ? size << 1 : size;
    }

    // ---------------------------------------------------------------- interning

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The node of an identifier, or -1. */
    private int lookup(Identifier id) {
        int mask = table.length - 1;
        int i = mix(id.hashCode()) & mask;
        while (true) {
            int slot = table[i];
            if (slot == 0) {
                return -1;
            }
            if (slot > 0 && ids[slot - 1].equals(id)) {
                return slot - 1;
            }
            i = (i + 1) & mask;
        }
    }

    private int intern(Identifier id) {
        int mask = table.length - 1;
        int i = mix(id.hashCode()) & mask;
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
            } else if (ids[slot - 1].equals(id)) {
                return slot - 1;
            }
            i = (i + 1) & mask;
        }
        int node = newNode(id);
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
                int i = mix(ids[slot - 1].hashCode()) & mask;
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
        int i = mix(ids[node].hashCode()) & mask;
        while (table[i] != node + 1) {
            i = (i + 1) & mask;
        }
        table[i] = TOMBSTONE;
    }

    private int newNode(Identifier id) {
        int node = nodeCount;
        if (node == ids.length) {
            int cap = grow(node);
            ids = Arrays.copyOf(ids, cap);
            parent = Arrays.copyOf(parent, cap);
            size = Arrays.copyOf(size, cap);
            minMember = Arrays.copyOf(minMember, cap);
            nextMember = Arrays.copyOf(nextMember, cap);
            head = Arrays.copyOf(head, cap);
            partners = Arrays.copyOf(partners, cap);
            typeIndex = Arrays.copyOf(typeIndex, cap);
            nodeFlags = Arrays.copyOf(nodeFlags, cap);
        }
        nodeCount++;
        ids[node] = id;
        parent[node] = node;
        size[node] = 1;
        minMember[node] = node;
        nextMember[node] = node;
        head[node] = -1;
        typeIndex[node] = typeIndexOf(id.type());
        liveNodes++;
        clusters++;
        return node;
    }

    private short typeIndexOf(IdentifierType type) {
        Integer known = typeIndexes.get(type);
        if (known != null) {
            return known.shortValue();
        }
        int index = typeIndexes.size();
        if (index > Short.MAX_VALUE) {
            throw new IllegalStateException("more than " + Short.MAX_VALUE + " identifier types");
        }
        typeIndexes.put(type, index);
        typeLimits = Arrays.copyOf(typeLimits, index + 1);
        typeLimits[index] = limitsByType.getOrDefault(type, Integer.MAX_VALUE);
        return (short) index;
    }

    private static int grow(int current) {
        long next = Math.max(16L, current + (current >> 1) + 1L);
        if (next > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("identity graph is full (" + current + " entries)");
        }
        return (int) next;
    }

    // ---------------------------------------------------------------- union-find

    private int find(int x) {
        int[] p = parent;
        while (p[x] != x) {
            p[x] = p[p[x]];
            x = p[x];
        }
        return x;
    }

    /** Joins two different roots by size; returns the new root. */
    private int union(int ra, int rb) {
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
        minMember[ra] = Math.min(minMember[ra], minMember[rb]);
        int t = nextMember[ra];
        nextMember[ra] = nextMember[rb];
        nextMember[rb] = t;
        clusters--;
        return ra;
    }

    private int[] members(int root) {
        int[] out = new int[size[root]];
        int n = 0;
        int x = root;
        do {
            out[n++] = x;
            x = nextMember[x];
        } while (x != root);
        return out;
    }

    /** Rebuilds the cluster made of these members from their active links only. */
    private void rebuild(int[] members) {
        for (int m : members) {
            parent[m] = m;
            size[m] = 1;
            minMember[m] = m;
            nextMember[m] = m;
        }
        clusters += members.length - 1;
        for (int m : members) {
            for (int e = head[m]; e >= 0; e = nextEdge[e]) {
                int l = e >>> 1;
                if (linkState[l] != ACTIVE) {
                    continue;
                }
                int other = (e & 1) == 0 ? linkB[l] : linkA[l];
                int ra = find(m);
                int rb = find(other);
                if (ra != rb) {
                    union(ra, rb);
                }
            }
        }
    }

    // ---------------------------------------------------------------- links

    private int findLink(int a, int b) {
        int from = partners[a] <= partners[b] ? a : b;
        int to = from == a ? b : a;
        for (int e = head[from]; e >= 0; e = nextEdge[e]) {
            int l = e >>> 1;
            if (linkState[l] == REMOVED) {
                continue;
            }
            int other = (e & 1) == 0 ? linkB[l] : linkA[l];
            if (other == to) {
                return l;
            }
        }
        return -1;
    }

    private int storeLink(int a, int b, IdentityLink link) {
        int l = linkCount;
        if (l == linkA.length) {
            int cap = grow(l);
            linkA = Arrays.copyOf(linkA, cap);
            linkB = Arrays.copyOf(linkB, cap);
            linkMillis = Arrays.copyOf(linkMillis, cap);
            linkEvidence = Arrays.copyOf(linkEvidence, cap);
            linkState = Arrays.copyOf(linkState, cap);
            nextEdge = Arrays.copyOf(nextEdge, 2 * cap);
        }
        linkCount++;
        liveLinks++;
        linkA[l] = a;
        linkB[l] = b;
        linkMillis[l] = link.at().toEpochMilli();
        linkEvidence[l] = evidenceIndex.computeIfAbsent(link.evidence(), k -> {
            evidences.add(k);
            return evidences.size() - 1;
        });
        linkState[l] = ACTIVE;
        nextEdge[2 * l] = head[a];
        head[a] = 2 * l;
        nextEdge[2 * l + 1] = head[b];
        head[b] = 2 * l + 1;
        return l;
    }

    private IdentityLink linkAt(int l) {
        return new IdentityLink(ids[linkA[l]], ids[linkB[l]], Instant.ofEpochMilli(linkMillis[l]),
                evidences.get(linkEvidence[l]));
    }

    @Override
    public LinkResult addLink(IdentityLink link) {
        Objects.requireNonNull(link, "link");
        int a = intern(link.first());
        int b = intern(link.second());
        boolean superA = (nodeFlags[a] & NODE_SUPER) != 0;
        boolean superB = (nodeFlags[b] & NODE_SUPER) != 0;
        int ra = find(a);
        int rb = find(b);
        // an existing live link between different clusters can only be a suppressed one
        if ((ra == rb || superA || superB) && findLink(a, b) >= 0) {
            return LinkResult.DUPLICATE;
        }
        int l = storeLink(a, b, link);
        partners[a]++;
        partners[b]++;
        if (superA || superB) {
            linkState[l] = SUPPRESSED;
            if (superA) {
                superNodes.get(a)[0]++;
            }
            if (superB) {
                superNodes.get(b)[0]++;
            }
            return LinkResult.SUPPRESSED_SUPER_NODE;
        }
        boolean tripped = false;
        if (partners[a] > typeLimits[typeIndex[a]]) {
            becomeSuperNode(a);
            tripped = true;
        }
        if (partners[b] > typeLimits[typeIndex[b]]) {
            becomeSuperNode(b);
            tripped = true;
        }
        if (tripped) {
            return LinkResult.SUPPRESSED_SUPER_NODE;
        }
        if (ra == rb) {
            return LinkResult.SAME_CUSTOMER;
        }
        int survivorMin = Math.min(minMember[ra], minMember[rb]);
        int absorbedMin = Math.max(minMember[ra], minMember[rb]);
        union(ra, rb);
        recordMerge(l, survivorMin, absorbedMin);
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
        nodeFlags[x] |= NODE_SUPER;
        int suppressed = 0;
        boolean hadActive = false;
        for (int e = head[x]; e >= 0; e = nextEdge[e]) {
            int l = e >>> 1;
            if (linkState[l] == ACTIVE) {
                linkState[l] = SUPPRESSED;
                hadActive = true;
            }
            if (linkState[l] == SUPPRESSED) {
                suppressed++;
            }
        }
        superNodes.put(x, new int[] {suppressed});
        if (hadActive) {
            rebuild(members(find(x)));
        }
        // type and internal number only: the value is personal data
        LOG.warn("identifier #{} of type {} is linked to {} distinct identifiers, above the limit {}; "
                        + "its {} links are no longer used for merging", x, ids[x].type(), partners[x],
                typeLimits[typeIndex[x]], suppressed);
    }

    @Override
    public CustomerKey addIdentifier(Identifier identifier) {
        Objects.requireNonNull(identifier, "identifier");
        return keyOf(find(intern(identifier)));
    }

    // ---------------------------------------------------------------- queries

    private CustomerKey keyOf(int root) {
        return new CustomerKey(keyPrefix + minMember[root]);
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
        if (n >= nodeCount || (nodeFlags[(int) n] & NODE_ERASED) != 0) {
            return -1;
        }
        int root = find((int) n);
        return minMember[root] == n ? root : -1;
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
            out.add(ids[m]);
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
        // breadth-first over active links; the cluster bounds the search
        Map<Integer, Integer> via = new HashMap<>();
        via.put(na, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(na);
        while (!queue.isEmpty() && !via.containsKey(nb)) {
            int x = queue.poll();
            for (int e = head[x]; e >= 0; e = nextEdge[e]) {
                int l = e >>> 1;
                if (linkState[l] != ACTIVE) {
                    continue;
                }
                int other = (e & 1) == 0 ? linkB[l] : linkA[l];
                if (!via.containsKey(other)) {
                    via.put(other, l);
                    queue.add(other);
                }
            }
        }
        List<IdentityLink> chain = new ArrayList<>();
        int x = nb;
        while (x != na) {
            int l = via.get(x);
            chain.add(linkAt(l));
            x = linkA[l] == x ? linkB[l] : linkA[l];
        }
        java.util.Collections.reverse(chain);
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
        superNodes.forEach((node, suppressed) -> out.add(new SuperNodeReport(ids[node],
                typeLimits[typeIndex[node]], partners[node], suppressed[0])));
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- corrections

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
            wasActive |= linkState[l] == ACTIVE;
            if (linkState[l] == SUPPRESSED) {
                for (int node : new int[] {na, nb}) {
                    int[] count = superNodes.get(node);
                    if (count != null) {
                        count[0]--;
                    }
                }
            }
            linkState[l] = REMOVED;
            liveLinks--;
            partners[na]--;
            partners[nb]--;
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
        int linksRemoved = 0;
        for (int m : members) {
            for (int e = head[m]; e >= 0; e = nextEdge[e]) {
                int l = e >>> 1;
                if (linkState[l] == REMOVED) {
                    continue;
                }
                int other = (e & 1) == 0 ? linkB[l] : linkA[l];
                if (linkState[l] == SUPPRESSED) {
                    int[] count = superNodes.get(other);
                    if (count != null) {
                        count[0]--;
                    }
                }
                partners[other]--;
                linkState[l] = REMOVED;
                liveLinks--;
                linksRemoved++;
            }
        }
        int mergesRemoved = 0;
        int kept = 0;
        for (int i = 0; i < mergeCount; i++) {
            int l = mergeLink[i];
            boolean gone = isMember(linkA[l], root) || isMember(linkB[l], root);
            if (gone) {
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
        for (int m : members) {
            unintern(m);
            superNodes.remove(m);
            ids[m] = null;
            head[m] = -1;
            partners[m] = 0;
            nodeFlags[m] = NODE_ERASED;
            parent[m] = m;
            size[m] = 1;
            nextMember[m] = m;
            liveNodes--;
        }
        scrubLinks(members);
        clusters--;
        return new ClusterErasure(customer, members.length, linksRemoved, mergesRemoved);
    }

    private void scrubLinks(int[] members) {
        java.util.BitSet gone = new java.util.BitSet(nodeCount);
        for (int m : members) {
            gone.set(m);
        }
        for (int l = 0; l < linkCount; l++) {
            // forget which identifiers the removed links joined and when, not only that they were removed
            if (linkState[l] == REMOVED && (linkA[l] >= 0 && gone.get(linkA[l]) || linkB[l] >= 0 && gone.get(linkB[l]))) {
                linkA[l] = -1;
                linkB[l] = -1;
                linkMillis[l] = 0;
                linkEvidence[l] = 0;
            }
        }
    }

    private boolean isMember(int node, int root) {
        return node >= 0 && (nodeFlags[node] & NODE_ERASED) == 0 && find(node) == root;
    }

    // ---------------------------------------------------------------- dumps

    @Override
    public List<Identifier> identifiers() {
        List<Identifier> out = new ArrayList<>(liveNodes);
        for (int i = 0; i < nodeCount; i++) {
            if ((nodeFlags[i] & NODE_ERASED) == 0) {
                out.add(ids[i]);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public List<IdentityLink> links() {
        List<IdentityLink> out = new ArrayList<>(liveLinks);
        for (int l = 0; l < linkCount; l++) {
            if (linkState[l] != REMOVED) {
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
