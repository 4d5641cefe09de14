package dev.o2o.core.identity;

import dev.o2o.core.CustomerKey;

import java.util.List;
import java.util.Optional;

/**
 * Deterministic identity stitching: a union-find over typed identifiers in which every
 * identifier resolves to one customer key.
 *
 * <h2>Keys</h2>
 * Identifiers are numbered in the order the graph first sees them. A customer's key is the
 * configured prefix followed by the number of its oldest identifier, so that it never contains
 * personal data and the same input in the same order always gives the same keys. When a link
 * merges two customers the older one survives (the one whose oldest identifier was seen first);
 * the other key stops resolving. When an {@link #unlink unlink} splits a customer, each part is
 * keyed by its own oldest identifier, so the part holding the original oldest identifier keeps
 * the original key.
 *
 * <h2>Super-nodes</h2>
 * With a limit N for a type ({@link IdentityConfig#withSuperNodeLimit}), an identifier of that
 * type linked to more than N distinct identifiers becomes a super-node: all its links, earlier
 * ones included, stop counting for merges (its customer is rebuilt without them), later links
 * through it are kept but suppressed, and it is listed in {@link #superNodes()}.
 *
 * <h2>Cost</h2>
 * Adding a link is near-constant time (path halving and union by size on int arrays). Unlinking,
 * super-node suppression and erasure rebuild the one affected customer, in time linear in its
 * identifiers and links.
 *
 * <p>Not thread-safe: confine a graph to one thread or guard it externally.
 */
public interface IdentityGraph {

    /** A new empty graph. */
    static IdentityGraph create(IdentityConfig config) {
        return new UnionFindIdentityGraph(config);
    }

    /** A new empty graph with {@link IdentityConfig#defaults()}. */
    static IdentityGraph create() {
        return create(IdentityConfig.defaults());
    }

    /** Adds a link (evidence that its two identifiers are one person) and merges if it can. */
    LinkResult addLink(IdentityLink link);

    /**
     * Adds links in order, exactly as {@link #addLink} one by one would, and returns what happened
     * to each, in the same order. For large loads: the built-in graph reads ahead within the list
     * so that the memory accesses of several links overlap.
     *
     * @throws NullPointerException if the list or one of its links is null; then nothing is added
     */
    List<LinkResult> addLinks(List<IdentityLink> links);

    /** Registers an identifier seen without a partner and returns its customer. */
    CustomerKey addIdentifier(Identifier identifier);

    /** The customer of an identifier, or empty if the graph does not know it. */
    Optional<CustomerKey> resolve(Identifier identifier);

    /** Whether this key currently names a customer of this graph. */
    boolean contains(CustomerKey customer);

    /** The identifiers of a customer, oldest first; empty if the key names no current customer. */
    List<Identifier> identifiersOf(CustomerKey customer);

    /**
     * Why two identifiers are one customer: a shortest chain of links (by number of links) that
     * connects them, or empty if they are not one customer (or unknown).
     */
    Optional<MergeExplanation> explain(Identifier a, Identifier b);

    /**
     * Every merge so far, oldest first. Merges made by links that were later unlinked stay in
     * the history (it is an audit log); merges of erased customers are removed.
     */
    List<MergeEvent> mergeHistory();

    /** The super-nodes found so far, in the order they were found. */
    List<SuperNodeReport> superNodes();

    /**
     * Removes the link(s) between two identifiers (a wrong link) and rebuilds their customer from
     * its remaining links only; other customers are not touched.
     */
    SplitResult unlink(Identifier a, Identifier b);

    /**
     * Forgets a customer: all its identifiers, every link touching them and their merge history
     * (right to be forgotten). Returns what was removed; all counts are zero if the key names no
     * current customer.
     */
    ClusterErasure erase(CustomerKey customer);

    /** All identifiers the graph holds, oldest first. */
    List<Identifier> identifiers();

    /** All links the graph holds (used and suppressed), in the order they were added. */
    List<IdentityLink> links();

    /** The number of identifiers held. */
    int identifierCount();

    /** The number of links held (used and suppressed). */
    int linkCount();

    /** The number of customers (clusters). */
    int customerCount();
}
