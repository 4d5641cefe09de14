package dev.o2o.core.profile;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import dev.o2o.core.Order;
import dev.o2o.core.Touchpoint;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link ProfileStore#inMemory}: a {@link ProfileBook} under one lock. Thread-safe. */
final class InMemoryProfileStore implements ProfileStore {

    private final ProfileConfig config;
    private final ProfileBook book;
    /** Merge id to the number of profiles that merge folded. */
    private final Map<String, Long> merges = new HashMap<>();

    InMemoryProfileStore(ProfileConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.book = new ProfileBook(config);
    }

    @Override
    public ProfileConfig config() {
        return config;
    }

    @Override
    public synchronized boolean add(Order order) {
        return book.addIfNew(order);
    }

    @Override
    public synchronized void add(Touchpoint touchpoint) {
        book.add(touchpoint);
    }

    @Override
    public synchronized Optional<CustomerProfile> profile(CustomerKey customer, Instant asOf) {
        return book.profile(customer, asOf);
    }

    @Override
    public synchronized boolean hasOrder(CustomerKey customer, String orderId) {
        return book.hasOrder(customer, orderId);
    }

    @Override
    public synchronized void mergeCustomers(CustomerKey absorbed, CustomerKey survivor) {
        book.mergeCustomers(absorbed, survivor);
    }

    @Override
    public synchronized ProfileMove mergeCustomers(String mergeId, CustomerKey absorbed, CustomerKey survivor) {
        Ids.requireId(mergeId, "mergeId");
        Objects.requireNonNull(absorbed, "absorbed");
        Objects.requireNonNull(survivor, "survivor");
        Long done = merges.get(mergeId);
        if (done != null) {
            return new ProfileMove(true, done);
        }
        long folded = book.customers().contains(absorbed) ? 1 : 0;
        book.mergeCustomers(absorbed, survivor); // refuses before recording anything
        merges.put(mergeId, folded);
        return new ProfileMove(false, folded);
    }

    @Override
    public synchronized boolean remove(CustomerKey customer) {
        return book.remove(customer);
    }

    @Override
    public synchronized List<CustomerKey> customers() {
        return List.copyOf(book.customers());
    }
}
