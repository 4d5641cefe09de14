package dev.o2o.core.profile;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Order;
import dev.o2o.core.Touchpoint;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An in-memory set of {@link ProfileState}s keyed by customer: feed it events, read profiles,
 * fold the profile of a customer into another when identity resolution merges them, and remove
 * a customer for erasure. It keeps aggregates only, never the events themselves.
 *
 * <p>Not thread-safe.
 */
public final class ProfileBook {

    private final ProfileConfig config;
    private final Map<CustomerKey, ProfileState> states = new HashMap<>();

    /** An empty book. */
    public ProfileBook(ProfileConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    private ProfileState state(CustomerKey customer) {
        return states.computeIfAbsent(customer, k -> ProfileState.empty(k, config));
    }

    public ProfileBook add(Touchpoint touchpoint) {
        state(Objects.requireNonNull(touchpoint, "touchpoint").customer()).add(touchpoint);
        return this;
    }

    /** Adds an order, unless its customer's profile counted an order with its id already. */
    public ProfileBook add(Order order) {
        addIfNew(order);
        return this;
    }

    /**
     * Adds an order and returns true, or returns false and changes nothing if its customer's
     * profile counted an order with its id already (see {@link ProfileState}).
     */
    public boolean addIfNew(Order order) {
        CustomerKey customer = Objects.requireNonNull(order, "order").customer();
        ProfileState s = states.get(customer);
        if (s != null) {
            return s.addIfNew(order);
        }
        // kept only once the order is accepted, so that a refused order leaves no empty profile behind
        s = ProfileState.empty(customer, config);
        s.addIfNew(order);
        states.put(customer, s);
        return true;
    }

    /** The profile of a customer as of an instant, or empty if the book has nothing on it. */
    public Optional<CustomerProfile> profile(CustomerKey customer, Instant asOf) {
        ProfileState s = states.get(Objects.requireNonNull(customer, "customer"));
        return s == null ? Optional.empty() : Optional.of(s.profile(asOf));
    }

    /**
     * Folds the events of {@code absorbed} into {@code survivor} and drops {@code absorbed}, as
     * after a merge in identity resolution. Does nothing if the book has nothing on {@code absorbed}.
     *
     * @throws IllegalArgumentException if both are the same customer, or both profiles counted an
     *                                  order with the same id (nothing is changed then)
     */
    public void mergeCustomers(CustomerKey absorbed, CustomerKey survivor) {
        Objects.requireNonNull(absorbed, "absorbed");
        Objects.requireNonNull(survivor, "survivor");
        if (absorbed.equals(survivor)) {
            throw new IllegalArgumentException("cannot merge customer " + absorbed + " into itself");
        }
        ProfileState from = states.get(absorbed);
        if (from != null) {
            state(survivor).mergeEvents(from);
            states.remove(absorbed);
        }
    }

    /** Whether the customer's profile counted an order with this id. */
    public boolean hasOrder(CustomerKey customer, String orderId) {
        ProfileState s = states.get(Objects.requireNonNull(customer, "customer"));
        return s != null && s.hasOrder(orderId);
    }

    /** Removes everything the book holds on a customer; true if there was anything. */
    public boolean remove(CustomerKey customer) {
        return states.remove(Objects.requireNonNull(customer, "customer")) != null;
    }

    /** The customers the book holds, sorted. */
    public Set<CustomerKey> customers() {
        return Collections.unmodifiableSet(new TreeSet<>(states.keySet()));
    }

    public int size() {
        return states.size();
    }
}
