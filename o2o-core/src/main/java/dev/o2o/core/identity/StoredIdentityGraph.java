package dev.o2o.core.identity;

import dev.o2o.core.CustomerKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link IdentityGraph#open}: the in-memory graph, rebuilt from a store and writing its changes
 * through to it. Reads are answered from memory. Writes run under this object's lock: first in
 * memory (which says what changed: whether a link is kept, which merges it caused), then in the
 * store, so that the store sees changes in the order memory made them. A failed store write leaves
 * memory ahead of the store; the graph then refuses every call until it is opened again.
 *
 * <p>Thread-safe.
 */
final class StoredIdentityGraph implements IdentityGraph {

    private final UnionFindIdentityGraph graph;
    private final IdentityStore store;
    private volatile boolean broken;

    private StoredIdentityGraph(UnionFindIdentityGraph graph, IdentityStore store) {
        this.graph = graph;
        this.store = store;
    }

    static StoredIdentityGraph open(IdentityStore store, IdentityConfig config) {
        Objects.requireNonNull(store, "store");
        UnionFindIdentityGraph g = new UnionFindIdentityGraph(config);
        // identifiers first, so that "oldest first" lists keep the order they had before the restart
        for (Identifier id : store.identifiers()) {
            g.addIdentifier(id);
        }
        List<IdentityLink> links = store.links();
        List<LinkResult> results = g.addLinks(links);
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == LinkResult.DUPLICATE) {
                throw new IllegalArgumentException("the identity store holds link " + i + " twice: "
                        + links.get(i).first() + " -- " + links.get(i).second());
            }
        }
        g.restoreHistory(store.mergeHistory());
        return new StoredIdentityGraph(g, store);
    }

    private void usable() {
        if (broken) {
            throw new IllegalStateException("a write to the identity store failed earlier, so this graph and its store "
                    + "may differ; open the graph from the store again");
        }
    }

    private void write(Runnable storeWrite) {
        try {
            storeWrite.run();
        } catch (RuntimeException | Error e) {
            broken = true;
            throw e;
        }
    }

    /** The link as the graph keeps it: to the millisecond. */
    private static IdentityLink kept(IdentityLink l) {
        return new IdentityLink(l.first(), l.second(), Instant.ofEpochMilli(l.at().toEpochMilli()), l.evidence());
    }

    @Override
    public synchronized LinkResult addLink(IdentityLink link) {
        Objects.requireNonNull(link, "link");
        usable();
        StoreLimits.check(link); // refused before memory changes, so a refusal does not break the graph
        int before = graph.loggedMerges();
        LinkResult r = graph.addLink(link);
        if (r != LinkResult.DUPLICATE) {
            write(() -> store.addLinks(List.of(kept(link)), graph.mergesSince(before)));
        }
        return r;
    }

    @Override
    public synchronized List<LinkResult> addLinks(List<IdentityLink> links) {
        Objects.requireNonNull(links, "links");
        usable();
        for (IdentityLink l : links) {
            StoreLimits.check(Objects.requireNonNull(l, "link"));
        }
        int before = graph.loggedMerges();
        List<LinkResult> results = graph.addLinks(links);
        List<IdentityLink> keptLinks = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) != LinkResult.DUPLICATE) {
                keptLinks.add(kept(links.get(i)));
            }
        }
        if (!keptLinks.isEmpty()) {
            write(() -> store.addLinks(keptLinks, graph.mergesSince(before)));
        }
        return results;
    }

    @Override
    public synchronized CustomerKey addIdentifier(Identifier identifier) {
        Objects.requireNonNull(identifier, "identifier");
        usable();
        StoreLimits.check(identifier);
        boolean known = graph.resolve(identifier).isPresent();
        CustomerKey key = graph.addIdentifier(identifier);
        if (!known) {
            write(() -> store.addIdentifiers(List.of(identifier)));
        }
        return key;
    }

    @Override
    public Optional<CustomerKey> resolve(Identifier identifier) {
        usable();
        return graph.resolve(identifier);
    }

    @Override
    public boolean contains(CustomerKey customer) {
        usable();
        return graph.contains(customer);
    }

    @Override
    public List<Identifier> identifiersOf(CustomerKey customer) {
        usable();
        return graph.identifiersOf(customer);
    }

    @Override
    public Optional<MergeExplanation> explain(Identifier a, Identifier b) {
        usable();
        return graph.explain(a, b);
    }

    @Override
    public List<MergeEvent> mergeHistory() {
        usable();
        return graph.mergeHistory();
    }

    @Override
    public List<SuperNodeReport> superNodes() {
        usable();
        return graph.superNodes();
    }

    @Override
    public synchronized SplitResult unlink(Identifier a, Identifier b) {
        usable();
        SplitResult r = graph.unlink(a, b);
        if (r.linksRemoved() > 0) {
            write(() -> store.removeLinks(a, b));
        }
        return r;
    }

    @Override
    public synchronized ClusterErasure erase(CustomerKey customer) {
        usable();
        List<Identifier> ids = graph.identifiersOf(customer);
        ClusterErasure done = graph.erase(customer);
        if (done.identifiersRemoved() > 0) {
            write(() -> store.erase(done, ids));
        }
        return done;
    }

    @Override
    public List<Identifier> identifiers() {
        usable();
        return graph.identifiers();
    }

    @Override
    public List<IdentityLink> links() {
        usable();
        return graph.links();
    }

    @Override
    public int identifierCount() {
        usable();
        return graph.identifierCount();
    }

    @Override
    public int linkCount() {
        usable();
        return graph.linkCount();
    }

    @Override
    public int customerCount() {
        usable();
        return graph.customerCount();
    }
}
