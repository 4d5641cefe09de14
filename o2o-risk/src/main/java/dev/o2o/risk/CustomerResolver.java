package dev.o2o.risk;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.identity.Identifier;
import dev.o2o.core.identity.IdentifierType;
import dev.o2o.core.identity.IdentityGraph;
import java.util.Objects;

/**
 * Maps an event's identifier to the customer it belongs to, so that rules keyed by
 * {@link Field#CUSTOMER} count the many phone numbers or accounts of one person together.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CustomerResolver {

    /** The customer key of {@code identifier}; the identifier itself if it is in no cluster. */
    String customerOf(String identifier);

    /** Every identifier is its own customer. */
    static CustomerResolver none() {
        return identifier -> identifier;
    }

    /**
     * Resolves through core's identity graph, reading event identifiers as identifiers of
     * {@code type}; an identifier the graph does not know is its own customer. Thread-safe as the
     * graph is.
     */
    static CustomerResolver of(IdentityGraph graph, IdentifierType type) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(type, "type");
        return identifier -> graph.resolve(Identifier.of(type, identifier)).map(CustomerKey::value)
                .orElse(identifier);
    }
}
