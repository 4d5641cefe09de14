package dev.o2o.testkit.points;

import dev.o2o.loyalty.points.LedgerStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;

/** The conformance suite on the JDBC store over embedded H2 (a fresh database per test). */
class H2LedgerStoreTest extends LedgerStoreConformanceTest {

    private static final AtomicInteger DB = new AtomicInteger();

    @Override
    protected LedgerStore newStore() {
        return newH2Store("points_");
    }

    /** A JDBC ledger store in a fresh in-memory H2 database whose name starts with {@code name}. */
    static LedgerStore newH2Store(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
        LedgerStore.jdbc(ds, "points_").createSchema();
        return LedgerStore.jdbc(ds, "points_");
    }

    @Override
    protected int opsPerThread() {
        return 400;
    }
}
