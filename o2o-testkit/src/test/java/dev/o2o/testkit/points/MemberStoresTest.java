package dev.o2o.testkit.points;

import dev.o2o.loyalty.points.MemberStore;
import dev.o2o.core.test.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;

/** The member-state kit on the in-memory store, H2 and PostgreSQL (O2O_TEST_PG_URL); JDBC stores are reopened from the database. */
class MemberStoresTest {

    @Nested
    class InMemory extends MemberStoreConformanceTest {
        @Override
        protected MemberStore newStore() {
            return MemberStore.inMemory();
        }
    }

    @Nested
    class OnH2 extends MemberStoreConformanceTest {
        private DataSource ds;

        @Override
        protected MemberStore newStore() {
            ds = TestDatabases.h2("members");
            MemberStore store = MemberStore.jdbc(ds, "member_");
            store.createSchema();
            return store;
        }

        @Override
        protected MemberStore reopen(MemberStore store) {
            return MemberStore.jdbc(ds, "member_");
        }
    }

    @Nested
    class OnPostgres extends MemberStoreConformanceTest {
        private DataSource ds;
        private String prefix;

        @Override
        protected MemberStore newStore() {
            ds = TestDatabases.postgresOrSkip();
            prefix = TestDatabases.freshPrefix("mbr");
            MemberStore store = MemberStore.jdbc(ds, prefix);
            store.createSchema();
            return store;
        }

        @Override
        protected MemberStore reopen(MemberStore store) {
            return MemberStore.jdbc(ds, prefix);
        }
    }
}
