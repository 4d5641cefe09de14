package dev.o2o.testkit.identity;

import dev.o2o.core.identity.IdentityStore;
import dev.o2o.core.test.TestDatabases;
import javax.sql.DataSource;

/**
 * The identity store kit on the JDBC store over PostgreSQL at {@code O2O_TEST_PG_URL} (skipped
 * without it unless {@code O2O_REQUIRE_PG=true}); the tables under {@code ident_} are dropped and
 * created again before each test, and a reopened store is a new one over the same tables.
 */
class PostgresIdentityStoreTest extends IdentityStoreConformanceTest {

    static final String PREFIX = "ident_";
    private DataSource ds;

    @Override
    protected IdentityStore newStore() {
        ds = TestDatabases.postgresOrSkip();
        TestDatabases.dropTables(ds, PREFIX, "identifier", "link", "merge", "erasure");
        IdentityStore s = IdentityStore.jdbc(ds, PREFIX);
        s.createSchema();
        return s;
    }

    @Override
    protected IdentityStore reopen(IdentityStore store) {
        return IdentityStore.jdbc(ds, PREFIX);
    }

    @Override
    protected int linksPerThread() {
        return 25;
    }
}
