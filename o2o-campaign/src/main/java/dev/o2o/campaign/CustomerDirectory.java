package dev.o2o.campaign;

import dev.o2o.core.CustomerKey;
import java.util.Map;
import java.util.Optional;

/**
 * Where the engine looks customers up: implemented by the host over its profile store.
 *
 * <p>Implementations must be thread-safe: the engine calls them from the threads that
 * evaluate events.
 */
@FunctionalInterface
public interface CustomerDirectory {

    /** The customer's view, or empty if the customer is unknown. */
    Optional<CustomerView> find(CustomerKey customer);

    /** A directory over a fixed map (copied). */
    static CustomerDirectory of(Map<CustomerKey, CustomerView> views) {
        Map<CustomerKey, CustomerView> copy = Map.copyOf(views);
        return key -> Optional.ofNullable(copy.get(key));
    }
}
