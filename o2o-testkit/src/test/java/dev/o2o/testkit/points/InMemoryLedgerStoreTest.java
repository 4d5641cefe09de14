package dev.o2o.testkit.points;

import dev.o2o.loyalty.points.LedgerStore;

/** The conformance suite on the in-memory store. */
class InMemoryLedgerStoreTest extends LedgerStoreConformanceTest {

    @Override
    protected LedgerStore newStore() {
        return LedgerStore.inMemory();
    }
}
