package dev.o2o.core.profile;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Order;
import dev.o2o.core.Touchpoint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link ProfileStore#inMemory}: a {@link ProfileBook} under one lock. Thread-safe. */
final class InMemoryProfileStore implements ProfileStore {

    private final ProfileConfig config;
    private final ProfileBook book;

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
    public synchronized boolean remove(CustomerKey customer) {
        return book.remove(customer);
    }

    @Override
    public synchronized List<CustomerKey> customers() {
        return List.copyOf(book.customers());
    }
}
