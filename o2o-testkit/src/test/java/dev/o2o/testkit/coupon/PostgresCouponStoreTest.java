package dev.o2o.testkit.coupon;

import dev.o2o.core.test.TestDatabases;
import dev.o2o.loyalty.coupon.CouponStore;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;

/**
 * The conformance tests on PostgreSQL at {@code O2O_TEST_PG_URL}; skipped when it is unset or
 * unreachable, unless {@code O2O_REQUIRE_PG=true}.
 */
class PostgresCouponStoreTest extends CouponStoreConformanceTest {
    private static PooledDataSource pool;

    @AfterAll
    static synchronized void disconnect() throws SQLException {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    @Override
    protected CouponStore newStore() {
        return freshStore();
    }

    /**
     * Empty tables under {@code coupon_}, through a pool (the test is skipped per test, so that the
     * skips and their reason show in the report, or failed under {@code O2O_REQUIRE_PG=true}, when
     * PostgreSQL is not there).
     */
    static synchronized CouponStore freshStore() {
        if (pool == null) {
            pool = new PooledDataSource(TestDatabases.postgresOrSkip());
        }
        TestDatabases.dropTables(pool, "coupon_", "merge_code", "customer_merge", "refusal", "redemption",
                "customer_usage", "code", "campaign");
        CouponStore.jdbc(pool, "coupon_").createSchema();
        return CouponStore.jdbc(pool, "coupon_");
    }
}
