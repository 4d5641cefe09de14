package dev.o2o.testkit.campaign;

import dev.o2o.campaign.CampaignStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;

/** The campaign merge kit on the in-memory store, H2 and PostgreSQL (O2O_TEST_PG_URL). */
class CampaignMergesTest {

    private static final AtomicInteger N = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_007L, 36);

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
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:cmerge_" + N.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
            CampaignStore store = CampaignStore.jdbc(ds, "cmp_");
            store.createSchema();
            return store;
        }
    }

    @Nested
    class OnPostgres extends CampaignMergesConformanceTest {
        @Override
        protected CampaignStore newStore() {
            CampaignStore store = CampaignStore.jdbc(dev.o2o.testkit.TestDatabases.postgresOrSkip(),
                    "cmm" + RUN + "_" + N.incrementAndGet() + "_");
            store.createSchema();
            return store;
        }
    }
}
