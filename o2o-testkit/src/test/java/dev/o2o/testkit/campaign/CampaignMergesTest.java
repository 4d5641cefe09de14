package dev.o2o.testkit.campaign;

import dev.o2o.campaign.CampaignStore;
import dev.o2o.core.test.TestDatabases;
import org.junit.jupiter.api.Nested;

/** The campaign merge kit on the in-memory store, H2 and PostgreSQL (O2O_TEST_PG_URL). */
class CampaignMergesTest {

    @Nested
    class InMemory extends CampaignMergesConformanceTest {
        @Override
        protected CampaignStore newStore() {
            return CampaignStore.inMemory();
        }
    }

    @Nested
    class OnH2 extends CampaignMergesConformanceTest {
        @Override
        protected CampaignStore newStore() {
            CampaignStore store = CampaignStore.jdbc(TestDatabases.h2("cmerge"), "cmp_");
            store.createSchema();
            return store;
        }
    }

    @Nested
    class OnPostgres extends CampaignMergesConformanceTest {
        @Override
        protected CampaignStore newStore() {
            CampaignStore store = CampaignStore.jdbc(TestDatabases.postgresOrSkip(),
                    TestDatabases.freshPrefix("cmm"));
            store.createSchema();
            return store;
        }
    }
}
