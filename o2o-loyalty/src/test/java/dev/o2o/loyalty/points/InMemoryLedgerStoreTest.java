package dev.o2o.loyalty.points;

/** The conformance suite on the in-memory store. */
class InMemoryLedgerStoreTest extends LedgerStoreConformanceTest {

    @Override
    protected LedgerStore newStore() {
        return LedgerStore.inMemory();
    }
}
