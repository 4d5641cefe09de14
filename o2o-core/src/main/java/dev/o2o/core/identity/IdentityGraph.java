package dev.o2o.core.identity;

import dev.o2o.core.CustomerKey;

import java.util.List;
import java.util.Optional;

/**
 * Deterministic identity stitching: a union-find over typed identifiers in which every
 * identifier resolves to one customer key.
 *
 * <h2>Keys</h2>
 * A customer's key is a function of its identifiers only, never of the order in which links
 * arrived, so a graph rebuilt from the same links after a restart (in any order) gives the same
 * keys. The rule:
 * <ol>
 *   <li>The <em>key identifier</em> of a customer is its first identifier in <em>key order</em>:
 *       by type, in the order of {@link IdentityConfig#keyTypeOrder()} (default: member card, app
 *       user id, social open id, POS customer number, phone, e-mail, device id; types not listed
 *       after those, by name), then by value as {@link String#compareTo} orders them.</li>
 *   <li>The key is {@link IdentityConfig#keyPrefix()} followed by 32 lower-case hex digits: the
 *       first 128 bits of SHA-256 over {@code type + ":" + value} of the key identifier (UTF-8), or
 *       of HMAC-SHA256 under {@link IdentityConfig#keySecret()} when one is set. It holds no
 *       identifier value; without a secret a key of a guessable identifier (a phone number) can
 *       be found by trying candidates, so set a secret or resolve pseudonymized identifiers.</li>
 *   <li><b>Merge:</b> when a link joins two customers, the one whose key identifier comes first in
 *       key order survives and keeps its key; the other key stops resolving ({@link MergeEvent}
 *       names both). A new identifier is a customer of its own until linked, so linking a new
 *       identifier that comes first in key order (say the first member card of a customer known by
 *       phone) is a merge in which the new identifier's key survives.</li>
 *   <li><b>Unlink (split):</b> each part is keyed by its own key identifier, so the part holding
 *       the old key identifier keeps the old key and the other part gets the key of its own first
 *       identifier (the key it had before the merge, if it was a customer of its own then).</li>
 *   <li><b>Erasure:</b> the key stops resolving; merge events that survive the erasure keep naming it.</li>
 * </ol>
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
 * <h2>Thread safety</h2>
 * The built-in graphs are thread-safe: every method runs under one lock per graph, so calls from
 * many threads are serialized and each sees the effect of the calls before it; concurrent
 * {@link #addLink}s give the same customers and keys as the same links added by one thread.
 * Looking a key up ({@link #contains}, {@link #identifiersOf}, {@link #erase}) first digests the
 * identifiers added since the last such look-up, once each.
 */
public interface IdentityGraph {

    /** A new empty graph. */
    static IdentityGraph create(IdentityConfig config) {
        return new UnionFindIdentityGraph(config);
    }

    /**
     * A graph kept in {@code store}: rebuilt from the identifiers, links, merge history and erasures
     * the store holds (the same customers and keys as before the restart), and writing every change
     * through to the store before the call returns (an added link and the merge it caused in one
     * store transaction). Thread-safe like {@link #create}; the store must have one writing graph
     * at a time. If a store write fails, the exception is thrown and the graph refuses further use
     * ({@link IllegalStateException}) until it is opened again, because memory and store may differ.
     *
     * @throws IllegalArgumentException if the store holds links the graph cannot take
     */
    static IdentityGraph open(IdentityStore store, IdentityConfig config) {
        return StoredIdentityGraph.open(store, config);
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
