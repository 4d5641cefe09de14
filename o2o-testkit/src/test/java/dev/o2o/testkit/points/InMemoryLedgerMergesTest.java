package dev.o2o.testkit.points;

import dev.o2o.loyalty.points.LedgerStore;

/** The merge kit on the in-memory ledger store. */
class InMemoryLedgerMergesTest extends LedgerMergesConformanceTest {

    @Override
    protected LedgerStore newStore() {
        return LedgerStore.inMemory();
    }
}
