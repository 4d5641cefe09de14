package dev.o2o.core.privacy;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import dev.o2o.core.identity.ClusterErasure;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.identity.MergeEvent;
import dev.o2o.core.profile.ProfileBook;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The right to be forgotten: removes a customer with all its identifiers, identity links, merge
 * history and profile data from the stores o2o keeps. The host must also erase the raw events
 * it keeps elsewhere (order history, event logs), which o2o does not hold.
 *
 * <p>Stateless; thread-safe as far as the graph and book passed in are guarded by the caller
 * (neither is thread-safe itself).
 */
public final class Erasure {

    private Erasure() {
    }

    /**
     * Erases a customer from an identity graph and a profile book. A key the graph knows nothing of
     * (never seen, or erased already) erases nothing and says so in the report.
     *
     * @throws IllegalArgumentException if the key was merged into a customer that is still in the graph:
     *                                  that customer holds the person's identifiers now, and is the one to erase
     */
    public static ErasureReport forget(CustomerKey customer, IdentityGraph graph, ProfileBook book) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(book, "book");
        Optional<CustomerKey> survivor = survivorOf(customer, graph);
        if (survivor.isPresent()) {
            // erasing the old key alone would report nothing erased while the person stays in the graph
            throw new IllegalArgumentException("customer " + Ids.describe(customer.value()) + " was merged into "
                    + Ids.describe(survivor.get().value()) + ", which holds its identifiers now: erase that customer");
        }
        ClusterErasure identity = graph.erase(customer);
        boolean profile = book.remove(customer);
        return new ErasureReport(customer, identity.identifiersRemoved(), identity.linksRemoved(),
                identity.mergeEventsRemoved(), profile);
    }

    /** The current customer that a key no longer current was merged into, through later merges too, if any. */
    private static Optional<CustomerKey> survivorOf(CustomerKey customer, IdentityGraph graph) {
        if (graph.contains(customer)) {
            return Optional.empty();
        }
        List<MergeEvent> history = graph.mergeHistory();
        Set<CustomerKey> seen = new HashSet<>();
        CustomerKey key = customer;
        while (seen.add(key)) {
            MergeEvent last = null;
            for (MergeEvent e : history) {
                if (e.absorbed().equals(key)) {
                    last = e;
                }
            }
            if (last == null) {
                return Optional.empty();
            }
            key = last.survivor();
            if (graph.contains(key)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }
}
