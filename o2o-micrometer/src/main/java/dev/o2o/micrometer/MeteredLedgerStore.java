package dev.o2o.micrometer;

import dev.o2o.core.CustomerKey;
import dev.o2o.loyalty.points.EntryDraft;
import dev.o2o.loyalty.points.EntryType;
import dev.o2o.loyalty.points.IdempotencyKey;
import dev.o2o.loyalty.points.LedgerEntry;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.Lot;
import dev.o2o.loyalty.points.PostingResult;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Function;

/**
 * A ledger store that times every call and counts the entries and refusals of committed transactions. What a
 * transaction appends is counted only after it returns normally (a failed transaction is undone by the store and
 * counts nothing). Thread-safe when the wrapped store is.
 */
final class MeteredLedgerStore implements LedgerStore {
    private final LedgerStore store;
    private final MeterRegistry registry;
    private final StoreTimer timer;

    MeteredLedgerStore(LedgerStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
        this.timer = new StoreTimer(registry, "ledger");
    }

    @Override
    public <T> T inTransaction(SortedSet<CustomerKey> accounts, Function<Transaction, T> work) {
        List<EntryType> appended = new ArrayList<>();
        List<PostingResult.Status> refused = new ArrayList<>();
        T result = timer.time("inTransaction", () -> store.inTransaction(accounts, tx -> {
            // a store may retry the work (deadlock, serialization failure): count the last attempt only
            appended.clear();
            refused.clear();
            return work.apply(new CountingTransaction(tx, appended, refused));
        }));
        for (EntryType type : appended) {
            registry.counter(O2oMetrics.POINTS_POSTINGS, "type", type.name()).increment();
        }
        for (PostingResult.Status status : refused) {
            registry.counter(O2oMetrics.POINTS_REFUSALS, "reason", status.name()).increment();
        }
        return result;
    }

    @Override
    public Optional<LedgerEntry> entryByKey(IdempotencyKey key) {
        return timer.time("entryByKey", () -> store.entryByKey(key));
    }

    @Override
    public List<LedgerEntry> entries(CustomerKey account) {
        return timer.time("entries", () -> store.entries(account));
    }

    @Override
    public List<Lot> lots(CustomerKey account) {
        return timer.time("lots", () -> store.lots(account));
    }

    @Override
    public long balance(CustomerKey account) {
        return timer.time("balance", () -> store.balance(account));
    }

    @Override
    public Optional<Rejection> rejectionByKey(IdempotencyKey key) {
        return timer.time("rejectionByKey", () -> store.rejectionByKey(key));
    }

    @Override
    public Set<CustomerKey> accounts() {
        return timer.time("accounts", store::accounts);
    }

    @Override
    public Set<CustomerKey> accountsWithLotsDueBy(Instant instant) {
        return timer.time("accountsWithLotsDueBy", () -> store.accountsWithLotsDueBy(instant));
    }

    @Override
    public void createSchema() {
        store.createSchema();
    }

    @Override
    public long renameForErasure(CustomerKey account, CustomerKey pseudonym) {
        return timer.time("renameForErasure", () -> store.renameForErasure(account, pseudonym));
    }

    /** Forwards to the store's transaction, noting appended entry types and recorded refusals. */
    private record CountingTransaction(Transaction tx, List<EntryType> appended,
                                       List<PostingResult.Status> refused) implements Transaction {

        @Override
        public Optional<LedgerEntry> entry(IdempotencyKey key) {
            return tx.entry(key);
        }

        @Override
        public Optional<Rejection> rejection(IdempotencyKey key) {
            return tx.rejection(key);
        }

        @Override
        public void prefetch(Collection<IdempotencyKey> keys) {
            tx.prefetch(keys);
        }

        @Override
        public void recordRejection(Rejection rejection) {
            tx.recordRejection(rejection);
            refused.add(rejection.status());
        }

        @Override
        public List<LedgerEntry> reversalsOf(CustomerKey account, long entryId) {
            return tx.reversalsOf(account, entryId);
        }

        @Override
        public List<Lot> openLots(CustomerKey account) {
            return tx.openLots(account);
        }

        @Override
        public void forEachOpenLot(CustomerKey account, LotVisitor visitor) {
            tx.forEachOpenLot(account, visitor);
        }

        @Override
        public Optional<Lot> lot(CustomerKey account, long lotId) {
            return tx.lot(account, lotId);
        }

        @Override
        public int movementCount(CustomerKey account, long lotId) {
            return tx.movementCount(account, lotId);
        }

        @Override
        public long balance(CustomerKey account) {
            return tx.balance(account);
        }

        @Override
        public long entrySum(CustomerKey account) {
            return tx.entrySum(account);
        }

        @Override
        public LedgerEntry append(EntryDraft draft) {
            LedgerEntry entry = tx.append(draft);
            appended.add(entry.type());
            return entry;
        }
    }
}
