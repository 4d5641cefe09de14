package dev.o2o.testkit.points;

import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.core.test.TestDatabases;
import javax.sql.DataSource;

/**
 * The merge kit on the JDBC ledger store over PostgreSQL at {@code O2O_TEST_PG_URL} (skipped
 * without it, unless {@code O2O_REQUIRE_PG=true}); tables {@code pmerge_*} are created afresh per test.
 */
class PostgresLedgerMergesTest extends LedgerMergesConformanceTest {

    @Override
    protected LedgerStore newStore() {
        DataSource ds = TestDatabases.postgresOrSkip();
        PostgresLedgerStoreTest.dropTables(ds, "pmerge_");
        LedgerStore.jdbc(ds, "pmerge_").createSchema();
        return LedgerStore.jdbc(ds, "pmerge_");
    }
}
