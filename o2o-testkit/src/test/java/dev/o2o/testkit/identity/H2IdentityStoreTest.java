package dev.o2o.testkit.identity;

import dev.o2o.core.identity.IdentityStore;
import dev.o2o.core.test.TestDatabases;
import javax.sql.DataSource;

/** The identity store kit on the JDBC store over embedded H2 (a fresh database per test; reopened as a new store over it). */
class H2IdentityStoreTest extends IdentityStoreConformanceTest {

    private DataSource ds;

    @Override
    protected IdentityStore newStore() {
        ds = TestDatabases.h2("ident");
        IdentityStore s = IdentityStore.jdbc(ds, "ident_");
        s.createSchema();
        s.createSchema(); // safe to run at every start
        return s;
    }

    @Override
    protected IdentityStore reopen(IdentityStore store) {
        return IdentityStore.jdbc(ds, "ident_");
    }

    @Override
    protected int linksPerThread() {
        return 60;
    }
}
