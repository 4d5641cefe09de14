package dev.o2o.testkit.identity;

import dev.o2o.core.identity.IdentityStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;

/** The identity store kit on the JDBC store over embedded H2 (a fresh database per test; reopened as a new store over it). */
class H2IdentityStoreTest extends IdentityStoreConformanceTest {

    private static final AtomicInteger DB = new AtomicInteger();
    private JdbcDataSource ds;

    @Override
    protected IdentityStore newStore() {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:ident_" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
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
