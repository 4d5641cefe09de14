package dev.o2o.testkit.profile;

import dev.o2o.core.profile.ProfileStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;

/** The profile store kit on the JDBC store over embedded H2 (a fresh database per test; reopened as a new store over it). */
class H2ProfileStoreTest extends ProfileStoreConformanceTest {

    private static final AtomicInteger DB = new AtomicInteger();
    private JdbcDataSource ds;

    @Override
    protected ProfileStore newStore() {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:profile_" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
        ProfileStore s = ProfileStore.jdbc(ds, "profile_", CONFIG);
        s.createSchema();
        s.createSchema(); // safe to run at every start
        return s;
    }

    @Override
    protected ProfileStore reopen(ProfileStore store) {
        return ProfileStore.jdbc(ds, "profile_", CONFIG);
    }

    @Override
    protected int updatesPerThread() {
        return 60;
    }
}
