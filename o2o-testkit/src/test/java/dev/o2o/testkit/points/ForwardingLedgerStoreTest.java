package dev.o2o.testkit.points;

import dev.o2o.loyalty.points.IdempotencyKey;
import dev.o2o.loyalty.points.LedgerEntry;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.loyalty.points.Lot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What an integrator does with the published ledger conformance kit, from outside the library's
 * packages: a store of their own (here a decorator that counts transactions in front of the in-memory
 * store) extends {@link LedgerStoreConformanceTest} and so runs every check of the contract.
 */
class ForwardingLedgerStoreTest extends LedgerStoreConformanceTest {

    /** Counts transactions, as a metrics decorator would. */
    static final class CountingStore implements LedgerStore {
        final LedgerStore inner = LedgerStore.inMemory();
        final AtomicLong transactions = new AtomicLong();

        @Override
        public <T> T inTransaction(SortedSet<String> accounts, Function<Transaction, T> work) {
            transactions.incrementAndGet();
            return inner.inTransaction(accounts, work);
        }

        @Override
        public Optional<LedgerEntry> entryByKey(IdempotencyKey key) {
            return inner.entryByKey(key);
        }

        @Override
        public List<LedgerEntry> entries(String account) {
            return inner.entries(account);
        }

        @Override
        public List<Lot> lots(String account) {
            return inner.lots(account);
        }

        @Override
        public long balance(String account) {
            return inner.balance(account);
        }

        @Override
        public Optional<Rejection> rejectionByKey(IdempotencyKey key) {
            return inner.rejectionByKey(key);
        }

        @Override
        public Set<String> accounts() {
            return inner.accounts();
        }

        @Override
        public Set<String> accountsWithLotsDueBy(Instant instant) {
            return inner.accountsWithLotsDueBy(instant);
        }

        @Override
        public long renameForErasure(String account, String pseudonym) {
            return inner.renameForErasure(account, pseudonym);
        }
    }

    @Override
    protected LedgerStore newStore() {
        return new CountingStore();
    }
}
