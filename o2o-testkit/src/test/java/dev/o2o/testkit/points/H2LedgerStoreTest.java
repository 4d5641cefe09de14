package dev.o2o.testkit.points;

import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.core.test.TestDatabases;
import javax.sql.DataSource;

/** The conformance suite on the JDBC store over embedded H2 (a fresh database per test). */
class H2LedgerStoreTest extends LedgerStoreConformanceTest {

    @Override
    protected LedgerStore newStore() {
        return newH2Store("points_");
    }

    /** A JDBC ledger store in a fresh in-memory H2 database whose name starts with {@code name}. */
    static LedgerStore newH2Store(String name) {
        DataSource ds = TestDatabases.h2(name);
        LedgerStore.jdbc(ds, "points_").createSchema();
        return LedgerStore.jdbc(ds, "points_");
    }

    @Override
    protected int opsPerThread() {
        return 400;
    }
}
