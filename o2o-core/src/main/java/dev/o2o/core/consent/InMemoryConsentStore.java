package dev.o2o.core.consent;

import dev.o2o.core.CustomerKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@link ConsentStore#inMemory()}. One lock guards all state; thread-safe. */
final class InMemoryConsentStore implements ConsentStore {

    /** A change with its recording sequence, which breaks ties between equal instants. */
    private record Row(long seq, ConsentChange change) {
    }

    private static final Comparator<Row> ORDER = Comparator.comparing((Row r) -> r.change().at())
            .thenComparingLong(Row::seq);

    private final Object lock = new Object();
    private final Map<CustomerKey, List<Row>> byCustomer = new HashMap<>();
    private final Set<ConsentChange> seen = new HashSet<>();
    private long seq;

    @Override
    public boolean record(ConsentChange change) {
        Objects.requireNonNull(change, "change");
        synchronized (lock) {
            if (!seen.add(change)) {
                return false;
            }
            byCustomer.computeIfAbsent(change.customer(), k -> new ArrayList<>()).add(new Row(++seq, change));
            return true;
        }
    }

    @Override
    public List<ConsentChange> history(CustomerKey customer) {
        Objects.requireNonNull(customer, "customer");
        synchronized (lock) {
            return byCustomer.getOrDefault(customer, List.of()).stream().sorted(ORDER).map(Row::change).toList();
        }
    }

    @Override
    public Optional<ConsentChange> current(CustomerKey customer, ConsentPurpose purpose, Instant asOf) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(asOf, "asOf");
        synchronized (lock) {
            return byCustomer.getOrDefault(customer, List.of()).stream()
                    .filter(r -> r.change().purpose().equals(purpose) && !r.change().at().isAfter(asOf))
                    .max(ORDER).map(Row::change);
        }
    }

    @Override
    public long reassign(CustomerKey from, CustomerKey to) {
        ConsentChange.requireDistinct(from, to);
        synchronized (lock) {
            List<Row> moved = byCustomer.remove(from);
            if (moved == null) {
                return 0;
            }
            List<Row> target = byCustomer.computeIfAbsent(to, k -> new ArrayList<>());
            for (Row r : moved) {
                seen.remove(r.change());
                ConsentChange renamed = r.change().withCustomer(to);
                if (seen.add(renamed)) {
                    target.add(new Row(r.seq(), renamed));
                }
            }
            return moved.size();
        }
    }
}
