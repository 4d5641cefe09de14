package dev.o2o.testkit.points;

import dev.o2o.loyalty.points.LedgerStore;

/** The merge kit on the JDBC ledger store over embedded H2 (a fresh database per test). */
class H2LedgerMergesTest extends LedgerMergesConformanceTest {

    @Override
    protected LedgerStore newStore() {
        return H2LedgerStoreTest.newH2Store("merges_");
    }
}
