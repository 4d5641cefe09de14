package dev.o2o.testkit.consent;

import dev.o2o.core.consent.ConsentStore;
import dev.o2o.core.test.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;

/** The consent kit on the in-memory store, H2 and PostgreSQL (O2O_TEST_PG_URL); JDBC stores are reopened from the database. */
class ConsentStoresTest {

    @Nested
    class InMemory extends ConsentStoreConformanceTest {
        @Override
        protected ConsentStore newStore() {
            return ConsentStore.inMemory();
        }
    }

    @Nested
    class OnH2 extends ConsentStoreConformanceTest {
        private DataSource ds;

        @Override
        protected ConsentStore newStore() {
            ds = TestDatabases.h2("consent");
            ConsentStore store = ConsentStore.jdbc(ds, "consent_");
            store.createSchema();
            return store;
        }

        @Override
        protected ConsentStore reopen(ConsentStore store) {
            return ConsentStore.jdbc(ds, "consent_");
        }
    }

    @Nested
    class OnPostgres extends ConsentStoreConformanceTest {
        private DataSource ds;
        private String prefix;

        @Override
        protected ConsentStore newStore() {
            ds = TestDatabases.postgresOrSkip();
            prefix = TestDatabases.freshPrefix("cns");
            ConsentStore store = ConsentStore.jdbc(ds, prefix);
            store.createSchema();
            return store;
        }

        @Override
        protected ConsentStore reopen(ConsentStore store) {
            return ConsentStore.jdbc(ds, prefix);
        }
    }
}
