package dev.o2o.testkit.identity;

import dev.o2o.core.identity.IdentityStore;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The identity store kit on the JDBC store over PostgreSQL at {@code O2O_TEST_PG_URL} (skipped
 * without it unless {@code O2O_REQUIRE_PG=true}); the tables under {@code ident_} are dropped and
 * created again before each test, and a reopened store is a new one over the same tables.
 */
class PostgresIdentityStoreTest extends IdentityStoreConformanceTest {

    static final String PREFIX = "ident_";
    private PGSimpleDataSource ds;

    @Override
    protected IdentityStore newStore() {
        ds = PostgresDatabase.dataSourceOrSkip();
        PostgresDatabase.drop(ds, PREFIX, "identifier", "link", "merge", "erasure");
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
