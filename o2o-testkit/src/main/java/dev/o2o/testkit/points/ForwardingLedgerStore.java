package dev.o2o.testkit.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.loyalty.points.IdempotencyKey;
import dev.o2o.loyalty.points.LedgerEntry;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.Lot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Function;

/**
 * A {@link LedgerStore} that forwards every call to another store: the base of a decorator (one
 * that counts transactions, injects failures, adds metrics) which overrides only what it changes,
 * as Guava's {@code Forwarding*} classes do. The conformance kit uses it for its failure checks.
 * Thread-safe when the delegate is.
 */
public abstract class ForwardingLedgerStore implements LedgerStore {

    private final LedgerStore delegate;

    /** @param delegate the store that receives every call */
    protected ForwardingLedgerStore(LedgerStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store that receives every call. */
    protected final LedgerStore delegate() {
        return delegate;
    }

    @Override
    public <T> T inTransaction(SortedSet<CustomerKey> accounts, Function<Transaction, T> work) {
        return delegate.inTransaction(accounts, work);
    }

    @Override
    public Optional<LedgerEntry> entryByKey(IdempotencyKey key) {
        return delegate.entryByKey(key);
    }

    @Override
    public List<LedgerEntry> entries(CustomerKey account) {
        return delegate.entries(account);
    }

    @Override
    public List<Lot> lots(CustomerKey account) {
        return delegate.lots(account);
    }

    @Override
    public long balance(CustomerKey account) {
        return delegate.balance(account);
    }

    @Override
    public Optional<Rejection> rejectionByKey(IdempotencyKey key) {
        return delegate.rejectionByKey(key);
    }

    @Override
    public Set<CustomerKey> accounts() {
        return delegate.accounts();
    }

    @Override
    public Set<CustomerKey> accountsWithLotsDueBy(Instant instant) {
        return delegate.accountsWithLotsDueBy(instant);
    }

    @Override
    public void createSchema() {
        delegate.createSchema();
    }

    @Override
    public long renameForErasure(CustomerKey account, CustomerKey pseudonym) {
        return delegate.renameForErasure(account, pseudonym);
    }
}
