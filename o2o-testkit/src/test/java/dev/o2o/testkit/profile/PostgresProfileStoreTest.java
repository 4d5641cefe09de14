package dev.o2o.testkit.profile;

import dev.o2o.core.profile.ProfileStore;
import dev.o2o.core.test.TestDatabases;
import javax.sql.DataSource;

/**
 * The profile store kit on the JDBC store over PostgreSQL at {@code O2O_TEST_PG_URL} (skipped
 * without it unless {@code O2O_REQUIRE_PG=true}); the tables under {@code profile_} are dropped and
 * created again before each test, and a reopened store is a new one over the same table.
 */
class PostgresProfileStoreTest extends ProfileStoreConformanceTest {

    static final String PREFIX = "profile_";
    private DataSource ds;

    @Override
    protected ProfileStore newStore() {
        ds = TestDatabases.postgresOrSkip();
        TestDatabases.dropTables(ds, PREFIX, "profile", "profile_merge");
        ProfileStore s = ProfileStore.jdbc(ds, PREFIX, CONFIG);
        s.createSchema();
        return s;
    }

    @Override
    protected ProfileStore reopen(ProfileStore store) {
        return ProfileStore.jdbc(ds, PREFIX, CONFIG);
    }

    @Override
    protected int updatesPerThread() {
        return 25;
    }
}
