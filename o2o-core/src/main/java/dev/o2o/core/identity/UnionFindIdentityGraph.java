package dev.o2o.core.identity;

import static dev.o2o.core.identity.LinkStore.ACTIVE;
import static dev.o2o.core.identity.LinkStore.REMOVED;
import static dev.o2o.core.identity.LinkStore.SUPPRESSED;
import static dev.o2o.core.identity.NodeTable.MIN;
import static dev.o2o.core.identity.NodeTable.META;
import static dev.o2o.core.identity.NodeTable.PARENT;
import static dev.o2o.core.identity.NodeTable.STRIDE;
import static dev.o2o.core.identity.NodeTable.SUPER;
import static dev.o2o.core.identity.NodeTable.TYPE_SHIFT;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.identity.NodeTable.Probe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Union-find over the graph's parts: the identifiers in a {@link NodeTable} whose slots are the
 * nodes (the parent, the adjacency head and the cluster's key identifier live in the node
 * records, so one probe lands on everything a link step needs), the links in a
 * {@link LinkStore} threaded into per-identifier adjacency lists, exact duplicate detection in a
 * {@link PairSet}, and the {@link MergeLog}. Clusters are exactly the connected components of the
 * active links; unlinking, super-node suppression and erasure rebuild the clusters concerned by
 * a search over their active links, without touching the others.
 *
 * <p>Slots move when the node table grows, so everything that must outlive a growth (keys,
 * merge history, super-node reports) names identifiers by their sequence number, the order in
 * which the graph first saw them.
 *
 * <p>A single {@link #addLink} is a chain of dependent cache misses (home records and pair slot
 * together, then the roots); {@link #addLinks} overlaps those of many links. A merge also compares
 * the two clusters' key identifiers (in place for the common value forms); keys are digested only
 * when asked for, and key look-ups go through a {@link KeyIndex} filled lazily.
 *
 * <p>Thread-safe: every public method holds this object's monitor.
 */
final class UnionFindIdentityGraph implements IdentityGraph {

    private static final Logger LOG = LoggerFactory.getLogger(UnionFindIdentityGraph.class);

    private final CustomerKeys keys;
    private final NodeTable nodes;
    private final LinkStore links;
    private final PairSet pairs;
    private final MergeLog merges;
    private int clusters;
    // key -> identifier, filled up to this sequence number when a key is looked up
    private final KeyIndex keyIndex = new KeyIndex();
    private int indexedSeqs;
    // keys of erased key identifiers that merge events kept (their links were not erased) still name
    private final Map<Integer, CustomerKey> retiredKeys = new HashMap<>();
    // merge events read from a store when the graph was rebuilt; the log holds the later ones
    private List<MergeEvent> restoredHistory = List.of();

    private final Probe probeX = new Probe();
    private final Probe probeY = new Probe();

    // super-nodes in order of discovery: sequence number -> suppressed link count
    private final Map<Integer, int[]> superNodes = new LinkedHashMap<>();

    UnionFindIdentityGraph(IdentityConfig config) {
        Objects.requireNonNull(config, "config");
        this.keys = new CustomerKeys(config.keyPrefix(), config.keySecret());
        int n = config.expectedIdentifiers();
        int m = Math.min(config.expectedLinks(), LinkStore.MAX_LINKS);
        nodes = new NodeTable(n, config.superNodeLimits(), config.keyTypeOrder());
        links = new LinkStore(m);
        pairs = new PairSet(m, nodes::hashAt);
        // there are at most (identifiers - 1) merges; sizing for them up front spares regrowth garbage
        merges = new MergeLog(Math.min(n, m));
    }

    // ---------------------------------------------------------------- interning

    /** The node of an identifier, or -1. */
    private int lookup(Identifier id) {
        int type = nodes.typeIndexOrMinus(id.type());
        if (type < 0) {
            return -1;
        }
        nodes.describe(type, id.value(), probeX);
        int slot = nodes.locate(probeX, probeX.home);
        return slot >= 0 ? slot : -1;
    }

    private int intern(Identifier id) {
        ensureRoom(1);
        nodes.describe(nodes.typeIndex(id.type()), id.value(), probeX);
        int slot = nodes.locate(probeX, probeX.home);
        return slot >= 0 ? slot : insert(probeX, -slot - 1);
    }

    private int insert(Probe p, int slot) {
        nodes.insert(p, slot);
        clusters++;
        return slot;
    }

    /** Grows the node table now if {@code more} new identifiers could push it past its load, so no slot moves mid-link. */
    private void ensureRoom(int more) {
        if (nodes.needsRoom(more)) {
            int[] moved = nodes.rehash(nodes.capacityForMore(more));
            links.rename(moved);
            pairs.rename(moved); // pairs name slots too
        }
    }

    // ---------------------------------------------------------------- union-find

    private int find(int x) {
        int[] h = nodes.hot;
        int p = h[x * STRIDE + PARENT];
        if (p < 0) {
            return x;
        }
        while (true) {
            int gp = h[p * STRIDE + PARENT];
            if (gp < 0) {
                return p;
            }
            h[x * STRIDE + PARENT] = gp; // path halving
            x = gp;
            p = h[x * STRIDE + PARENT];
            if (p < 0) {
                return x;
            }
        }
    }

    /** Joins two different roots by size; the joined cluster's key identifier is {@code keySeq}. */
    private void union(int ra, int rb, int keySeq) {
        int[] h = nodes.hot;
        int a = ra * STRIDE;
        int b = rb * STRIDE;
        if (h[a + PARENT] > h[b + PARENT]) { // sizes are stored negated
            int t = a;
            a = b;
            b = t;
            ra = rb;
        }
        h[a + PARENT] += h[b + PARENT];
        h[a + MIN] = keySeq;
        h[b + PARENT] = ra;
        clusters--;
    }

    /** The identifiers connected to {@code start} by active links: its cluster. */
    private int[] component(int start, IntSet seen) {
        int[] out = new int[8];
        int n = 0;
        seen.add(start);
        out[n++] = start;
        for (int i = 0; i < n; i++) {
            for (int e = nodes.head(out[i]); e >= 0; e = links.nextEdge(e)) {
                if (links.state(e >>> 1) == ACTIVE && seen.add(links.far(e))) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, NodeLimits.grow(n));
                    }
                    out[n++] = links.far(e);
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
        int[] h = nodes.hot;
        for (int s : starts) {
            if (seen.contains(s)) {
                continue;
            }
            int[] members = component(s, seen);
            int first = members[0];
            for (int m : members) {
                if (nodes.compareKeyOrder(m, first) < 0) {
                    first = m;
                }
                h[m * STRIDE + PARENT] = s;
            }
            h[s * STRIDE + PARENT] = -members.length;
            h[s * STRIDE + MIN] = nodes.seqOf(first);
            fresh++;
        }
        clusters += fresh - oldClusters;
    }

    // ---------------------------------------------------------------- links

    private int findLink(int a, int b) {
        // scan the shorter list where the counts are kept
        boolean la = nodes.limited(nodes.typeIndex(a));
        boolean lb = nodes.limited(nodes.typeIndex(b));
        int from = la && (!lb || nodes.partners(a) > nodes.partners(b)) ? b : a;
        int to = from == a ? b : a;
        for (int e = nodes.head(from); e >= 0; e = links.nextEdge(e)) {
            if (links.state(e >>> 1) != REMOVED && links.far(e) == to) {
                return e >>> 1;
            }
        }
        return -1;
    }

    private int storeLink(int a, int b, IdentityLink link) {
        int l = links.add(a, b, nodes.head(a), nodes.head(b), link.at().toEpochMilli(), link.evidence());
        nodes.setHead(a, 2 * l);
        nodes.setHead(b, 2 * l + 1);
        if (nodes.limited(nodes.typeIndex(a))) {
            nodes.addPartners(a, 1);
        }
        if (nodes.limited(nodes.typeIndex(b))) {
            nodes.addPartners(b, 1);
        }
        return l;
    }

    private IdentityLink linkAt(int l) {
        return new IdentityLink(nodes.identifierAt(links.a(l)), nodes.identifierAt(links.b(l)),
                Instant.ofEpochMilli(links.millis(l)), links.evidence(l));
    }

    @Override
    public synchronized LinkResult addLink(IdentityLink link) {
        Objects.requireNonNull(link, "link");
        ensureRoom(2);
        describe(link, probeX, probeY);
        return addDescribed(link, probeX, probeY);
    }

    /** Fills the probes of both identifiers of a link, registering types seen for the first time. */
    private void describe(IdentityLink link, Probe px, Probe py) {
        Identifier x = link.first();
        Identifier y = link.second();
        int tx = nodes.typeIndex(x.type());
        int ty = nodes.typeIndex(y.type());
        nodes.describe(tx, x.value(), px);
        nodes.describe(ty, y.value(), py);
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
    public synchronized List<LinkResult> addLinks(List<IdentityLink> batch) {
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
            int[] h = nodes.hot;
            int touched = 0;
            for (int k = 0; k < m; k++) {
                Probe px = probes[2 * k];
                Probe py = probes[2 * k + 1];
                touched += h[px.home * STRIDE + META] + h[py.home * STRIDE + META]
                        + (int) pairs.entryAt(pairs.position(px.hash, py.hash));
            }
            for (int k = 0; k < 2 * m; k++) {
                slots[k] = nodes.locate(probes[k], probes[k].home);
            }
            // second wave: the parents' records of the identifiers already known
            for (int k = 0; k < 2 * m; k++) {
                int x = slots[k];
                if (x >= 0) {
                    touched += h[Math.max(h[x * STRIDE + PARENT], 0) * STRIDE];
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
        int[] h = nodes.hot;
        int hx = px.home;
        int hy = py.home;
        int pairAt = pairs.position(px.hash, py.hash);
        // read both home records and the pair slot before using any, so that their cache misses overlap
        int mx = h[hx * STRIDE + META];
        int my = h[hy * STRIDE + META];
        long pairThere = pairs.entryAt(pairAt);
        int a = nodes.matches(hx, mx, px) ? hx : nodes.locate(px, hx);
        int b = nodes.matches(hy, my, py) ? hy : nodes.locate(py, hy);
        if (a < 0) {
            a = insert(px, -a - 1);
            if (b < 0) {
                b = nodes.locate(py, hy); // x may have taken the slot y was to go to
            }
        }
        if (b < 0) {
            b = insert(py, -b - 1);
        }
        int metaA = h[a * STRIDE + META];
        int metaB = h[b * STRIDE + META];
        boolean superA = (metaA & SUPER) != 0;
        boolean superB = (metaB & SUPER) != 0;
        long pair = PairSet.key(a, b);
        int ra = find(a);
        int rb = find(b);
        // a live link between different clusters can only be a suppressed one
        if ((ra == rb || superA || superB) && pairs.contains(pair, pairAt, pairThere)) {
            return LinkResult.DUPLICATE;
        }
        int l = storeLink(a, b, link);
        pairs.add(pair, px.hash, py.hash);
        if (superA || superB) {
            links.setState(l, SUPPRESSED);
            if (superA) {
                superNodes.get(nodes.seqOf(a))[0]++;
            }
            if (superB) {
                superNodes.get(nodes.seqOf(b))[0]++;
            }
            return LinkResult.SUPPRESSED_SUPER_NODE;
        }
        boolean tripped = false;
        // the counts are a cache miss away and kept for limited types only
        int limitA = nodes.limit(metaA >>> TYPE_SHIFT);
        int limitB = nodes.limit(metaB >>> TYPE_SHIFT);
        if (limitA != Integer.MAX_VALUE && nodes.partners(a) > limitA) {
            becomeSuperNode(a);
            tripped = true;
        }
        if (limitB != Integer.MAX_VALUE && nodes.partners(b) > limitB) {
            becomeSuperNode(b);
            tripped = true;
        }
        if (tripped) {
            return LinkResult.SUPPRESSED_SUPER_NODE;
        }
        if (ra == rb) {
            return LinkResult.SAME_CUSTOMER;
        }
        int keyA = h[ra * STRIDE + MIN];
        int keyB = h[rb * STRIDE + MIN];
        // the cluster whose key identifier comes first in key order keeps its key
        boolean aFirst = nodes.compareKeyOrder(nodes.slotOf(keyA), nodes.slotOf(keyB)) < 0;
        int survivor = aFirst ? keyA : keyB;
        union(ra, rb, survivor);
        merges.record(l, survivor, aFirst ? keyB : keyA);
        return LinkResult.MERGED;
    }

    private void becomeSuperNode(int x) {
        nodes.markSuper(x);
        // x and its active partners reach every identifier of the cluster(s) this changes; the
        // link that tripped the limit was not merged yet, so its far end may be another cluster
        int[] starts = new int[1 + nodes.partners(x)];
        int n = 0;
        starts[n++] = x;
        IntSet oldRoots = new IntSet();
        oldRoots.add(find(x));
        int suppressed = 0;
        for (int e = nodes.head(x); e >= 0; e = links.nextEdge(e)) {
            int l = e >>> 1;
            if (links.state(l) == ACTIVE) {
                links.setState(l, SUPPRESSED);
                starts[n++] = links.far(e);
                oldRoots.add(find(links.far(e)));
            }
            if (links.state(l) == SUPPRESSED) {
                suppressed++;
            }
        }
        superNodes.put(nodes.seqOf(x), new int[] {suppressed});
        if (n > 1) {
            relink(Arrays.copyOf(starts, n), oldRoots.size());
        }
        // type and sequence number only: the value is personal data
        int type = nodes.typeIndex(x);
        LOG.warn("identifier #{} of type {} is linked to {} distinct identifiers, above the limit {}; "
                        + "its {} links are no longer used for merging", nodes.seqOf(x), nodes.type(type),
                nodes.partners(x), nodes.limit(type), suppressed);
    }

    @Override
    public synchronized CustomerKey addIdentifier(Identifier identifier) {
        Objects.requireNonNull(identifier, "identifier");
        return keyOf(find(intern(identifier)));
    }

    // ---------------------------------------------------------------- queries

    private CustomerKey keyOf(int root) {
        return keyOfSeq(nodes.hot[root * STRIDE + MIN]);
    }

    /** The key named by the identifier with this sequence number (also after it was erased, if a merge event keeps it). */
    private CustomerKey keyOfSeq(int seq) {
        int slot = nodes.slotOf(seq);
        return slot >= 0 ? keys.key(nodes.identifierAt(slot)) : retiredKeys.get(seq);
    }

    /** The root of the cluster a key names, or -1. */
    private int rootOf(CustomerKey key) {
        Objects.requireNonNull(key, "customer");
        Optional<Long> head = keys.head(key);
        if (head.isEmpty()) {
            return -1;
        }
        int root = rootIndexed(head.get(), key);
        if (root < 0 && indexedSeqs < nodes.seqCount()) {
            // index the identifiers seen since the last miss: each identifier is digested once at most
            for (int q = indexedSeqs; q < nodes.seqCount(); q++) {
                int slot = nodes.slotOf(q);
                if (slot >= 0) {
                    keyIndex.add(keys.head(nodes.identifierAt(slot)), q);
                }
            }
            indexedSeqs = nodes.seqCount();
            root = rootIndexed(head.get(), key);
        }
        return root;
    }

    private int rootIndexed(long head, CustomerKey key) {
        for (int seq : keyIndex.find(head)) {
            int slot = nodes.slotOf(seq);
            if (slot >= 0) {
                int root = find(slot);
                if (nodes.hot[root * STRIDE + MIN] == seq && keys.key(nodes.identifierAt(slot)).equals(key)) {
                    return root;
                }
            }
        }
        return -1;
    }

    @Override
    public synchronized Optional<CustomerKey> resolve(Identifier identifier) {
        Objects.requireNonNull(identifier, "identifier");
        int node = lookup(identifier);
        return node < 0 ? Optional.empty() : Optional.of(keyOf(find(node)));
    }

    @Override
    public synchronized boolean contains(CustomerKey customer) {
        return rootOf(customer) >= 0;
    }

    /** Members of a cluster, oldest first. */
    private int[] membersBySeq(int root) {
        int[] members = members(root);
        long[] order = new long[members.length];
        for (int i = 0; i < members.length; i++) {
            order[i] = ((long) nodes.seqOf(members[i]) << 32) | members[i];
        }
        Arrays.sort(order);
        for (int i = 0; i < members.length; i++) {
            members[i] = (int) order[i];
        }
        return members;
    }

    @Override
    public synchronized List<Identifier> identifiersOf(CustomerKey customer) {
        int root = rootOf(customer);
        if (root < 0) {
            return List.of();
        }
        int[] members = membersBySeq(root);
        List<Identifier> out = new ArrayList<>(members.length);
        for (int m : members) {
            out.add(nodes.identifierAt(m));
        }
        return List.copyOf(out);
    }

    @Override
    public synchronized Optional<MergeExplanation> explain(Identifier a, Identifier b) {
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
            for (int e = nodes.head(x); e >= 0; e = links.nextEdge(e)) {
                if (links.state(e >>> 1) != ACTIVE) {
                    continue;
                }
                int other = links.far(e);
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
            x = links.a(l) == x ? links.b(l) : links.a(l);
        }
        Collections.reverse(chain);
        return Optional.of(new MergeExplanation(a, b, key, chain));
    }

    @Override
    public synchronized List<MergeEvent> mergeHistory() {
        List<MergeEvent> out = new ArrayList<>(restoredHistory.size() + merges.size());
        out.addAll(restoredHistory);
        out.addAll(mergesSince(0));
        return List.copyOf(out);
    }

    /** Merges recorded in this graph's log so far (restored ones aside). */
    synchronized int loggedMerges() {
        return merges.size();
    }

    /** The merges of the log from position {@code from} on, oldest first. */
    synchronized List<MergeEvent> mergesSince(int from) {
        List<MergeEvent> out = new ArrayList<>(Math.max(0, merges.size() - from));
        for (int i = from; i < merges.size(); i++) {
            out.add(new MergeEvent(merges.sequence(i), linkAt(merges.link(i)),
                    keyOfSeq(merges.survivor(i)), keyOfSeq(merges.absorbed(i))));
        }
        return out;
    }

    /**
     * Replaces the merge history with {@code history} (read from a store after the links were
     * added again); later merges are numbered after its last sequence number.
     */
    synchronized void restoreHistory(List<MergeEvent> history) {
        merges.removeIf(l -> true);
        restoredHistory = List.copyOf(history);
        long next = 0;
        for (MergeEvent e : restoredHistory) {
            next = Math.max(next, e.sequence() + 1);
        }
        merges.continueAt(next);
    }

    @Override
    public synchronized List<SuperNodeReport> superNodes() {
        List<SuperNodeReport> out = new ArrayList<>();
        superNodes.forEach((seq, suppressed) -> {
            int node = nodes.slotOf(seq);
            out.add(new SuperNodeReport(nodes.identifierAt(node), nodes.limit(nodes.typeIndex(node)),
                    nodes.partners(node), suppressed[0]));
        });
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- corrections

    private void removeLink(int l) {
        int a = links.a(l);
        int b = links.b(l);
        if (links.state(l) == SUPPRESSED) {
            for (int node : new int[] {a, b}) {
                int[] count = superNodes.get(nodes.seqOf(node));
                if (count != null) {
                    count[0]--;
                }
            }
        }
        links.setState(l, REMOVED);
        pairs.remove(PairSet.key(a, b), nodes.hashAt(a), nodes.hashAt(b));
        if (nodes.limited(nodes.typeIndex(a))) {
            nodes.addPartners(a, -1);
        }
        if (nodes.limited(nodes.typeIndex(b))) {
            nodes.addPartners(b, -1);
        }
    }

    @Override
    public synchronized SplitResult unlink(Identifier a, Identifier b) {
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
            wasActive |= links.state(l) == ACTIVE;
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
    public synchronized ClusterErasure erase(CustomerKey customer) {
        int root = rootOf(customer);
        if (root < 0) {
            return new ClusterErasure(customer, 0, 0, 0);
        }
        int[] members = members(root);
        int mergesRemoved = merges.removeIf(l -> isMember(links.a(l), root) || isMember(links.b(l), root));
        Set<Identifier> erased = new HashSet<>();
        IntSet memberSeqs = new IntSet();
        for (int m : members) {
            erased.add(nodes.identifierAt(m));
            memberSeqs.add(nodes.seqOf(m));
        }
        List<MergeEvent> keptRestored = new ArrayList<>();
        for (MergeEvent e : restoredHistory) {
            if (!erased.contains(e.link().first()) && !erased.contains(e.link().second())) {
                keptRestored.add(e);
            }
        }
        mergesRemoved += restoredHistory.size() - keptRestored.size();
        restoredHistory = List.copyOf(keptRestored);
        // a merge whose link survives (the cluster was split since) may still name an erased key identifier
        for (int i = 0; i < merges.size(); i++) {
            for (int seq : new int[] {merges.survivor(i), merges.absorbed(i)}) {
                if (memberSeqs.contains(seq)) {
                    retiredKeys.put(seq, keyOfSeq(seq));
                }
            }
        }
        int linksRemoved = 0;
        for (int m : members) {
            for (int e = nodes.head(m); e >= 0; e = links.nextEdge(e)) {
                if (links.state(e >>> 1) != REMOVED) {
                    removeLink(e >>> 1);
                    linksRemoved++;
                }
            }
        }
        BitSet gone = new BitSet(nodes.capacity());
        for (int m : members) {
            gone.set(m);
            superNodes.remove(nodes.seqOf(m));
            nodes.erase(m);
        }
        // forget which identifiers the removed links joined and when, not only that they were removed
        for (int l = 0; l < links.count(); l++) {
            if (links.state(l) == REMOVED && (gone.get(links.a(l)) || gone.get(links.b(l)))) {
                links.forget(l);
            }
        }
        clusters--;
        return new ClusterErasure(customer, members.length, linksRemoved, mergesRemoved);
    }

    private boolean isMember(int node, int root) {
        return !nodes.isErased(node) && find(node) == root;
    }

    // ---------------------------------------------------------------- dumps

    @Override
    public synchronized List<Identifier> identifiers() {
        List<Identifier> out = new ArrayList<>(nodes.live());
        for (int q = 0; q < nodes.seqCount(); q++) {
            int slot = nodes.slotOf(q);
            if (slot >= 0) {
                out.add(nodes.identifierAt(slot));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public synchronized List<IdentityLink> links() {
        List<IdentityLink> out = new ArrayList<>(links.live());
        for (int l = 0; l < links.count(); l++) {
            if (links.state(l) != REMOVED) {
                out.add(linkAt(l));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public synchronized int identifierCount() {
        return nodes.live();
    }

    @Override
    public synchronized int linkCount() {
        return links.live();
    }

    @Override
    public synchronized int customerCount() {
        return clusters;
    }
}
