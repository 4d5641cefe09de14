package dev.o2o.testkit.profile;

import dev.o2o.core.profile.ProfileStore;
import dev.o2o.core.test.TestDatabases;
import javax.sql.DataSource;

/** The profile store kit on the JDBC store over embedded H2 (a fresh database per test; reopened as a new store over it). */
class H2ProfileStoreTest extends ProfileStoreConformanceTest {

    private DataSource ds;

    @Override
    protected ProfileStore newStore() {
        ds = TestDatabases.h2("profile");
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
