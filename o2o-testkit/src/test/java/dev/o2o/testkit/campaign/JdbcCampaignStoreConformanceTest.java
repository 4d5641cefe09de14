package dev.o2o.testkit.campaign;

import dev.o2o.campaign.CampaignStore;
import dev.o2o.core.test.TestDatabases;
import org.junit.jupiter.api.Nested;

/** The JDBC campaign store against the conformance kit, on H2 and on PostgreSQL (O2O_TEST_PG_URL). */
class JdbcCampaignStoreConformanceTest {

    @Nested
    class OnH2 extends CampaignStoreConformanceTest {
        @Override
        protected CampaignStore newStore() {
            CampaignStore store = CampaignStore.jdbc(TestDatabases.h2("campaign"), "cmp_");
            store.createSchema();
            return store;
        }
    }

    @Nested
    class OnPostgres extends CampaignStoreConformanceTest {
        @Override
        protected CampaignStore newStore() {
            CampaignStore store = CampaignStore.jdbc(TestDatabases.postgresOrSkip(), TestDatabases.freshPrefix("cmp"));
            store.createSchema();
            return store;
        }
    }
}
