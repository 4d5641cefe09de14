package dev.o2o.core.privacy;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.identity.ClusterErasure;
import dev.o2o.core.identity.IdentityGraph;
import dev.o2o.core.profile.ProfileBook;

import java.util.Objects;

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

    /** Erases a customer from an identity graph and a profile book. */
    public static ErasureReport forget(CustomerKey customer, IdentityGraph graph, ProfileBook book) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(book, "book");
        ClusterErasure identity = graph.erase(customer);
        boolean profile = book.remove(customer);
        return new ErasureReport(customer, identity.identifiersRemoved(), identity.linksRemoved(),
                identity.mergeEventsRemoved(), profile);
    }
}
