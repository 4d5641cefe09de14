package dev.o2o.testkit.campaign;

import dev.o2o.campaign.CampaignStore;
import dev.o2o.testkit.TestDatabases;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;

/** The JDBC campaign store against the conformance kit, on H2 and on PostgreSQL (O2O_TEST_PG_URL). */
class JdbcCampaignStoreConformanceTest {

    private static final AtomicInteger N = new AtomicInteger();
    /** Tables of one run share a prefix, so that runs against one PostgreSQL database do not meet. */
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_007L, 36);

    private static String prefix() {
        return "cmp" + RUN + "_" + N.incrementAndGet() + "_";
    }

    @Nested
    class OnH2 extends CampaignStoreConformanceTest {
        @Override
        protected CampaignStore newStore() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:campaign_" + N.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
            CampaignStore store = CampaignStore.jdbc(ds, "cmp_");
            store.createSchema();
            return store;
        }
    }

    @Nested
    class OnPostgres extends CampaignStoreConformanceTest {
        @Override
        protected CampaignStore newStore() {
            CampaignStore store = CampaignStore.jdbc(TestDatabases.postgresOrSkip(), prefix());
            store.createSchema();
            return store;
        }
    }
}
