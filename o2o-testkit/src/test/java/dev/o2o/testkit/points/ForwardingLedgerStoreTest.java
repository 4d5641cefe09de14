package dev.o2o.testkit.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.loyalty.points.LedgerStore;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What an integrator does with the published ledger conformance kit, from outside the library's
 * packages: a store of their own (here a decorator that counts transactions in front of the in-memory
 * store, on the kit's {@link ForwardingLedgerStore}) extends {@link LedgerStoreConformanceTest} and so runs
 * every check of the contract.
 */
class ForwardingLedgerStoreTest extends LedgerStoreConformanceTest {

    /** Counts transactions, as a metrics decorator would. */
    static final class CountingStore extends ForwardingLedgerStore {
        final AtomicLong transactions = new AtomicLong();

        CountingStore() {
            super(LedgerStore.inMemory());
        }

        @Override
        public <T> T inTransaction(SortedSet<CustomerKey> accounts, Function<Transaction, T> work) {
            transactions.incrementAndGet();
            return super.inTransaction(accounts, work);
        }
    }

    @Override
    protected LedgerStore newStore() {
        return new CountingStore();
    }
}
