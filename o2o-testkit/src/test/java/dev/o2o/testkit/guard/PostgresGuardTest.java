package dev.o2o.testkit.guard;

import dev.o2o.core.test.TestDatabases;
import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.testkit.points.PostgresLedgerStoreTest;
import javax.sql.DataSource;

/**
 * The guard kit on the JDBC stores over PostgreSQL at {@code O2O_TEST_PG_URL}; skipped with a
 * message when unset or unreachable, unless {@code O2O_REQUIRE_PG=true}. Tables use the prefixes
 * {@code guard_coupon_} and {@code guard_points_}, dropped and created again per test.
 */
class PostgresGuardTest extends GuardConformanceTest {

    @Override
    protected CouponStore newCouponStore() {
        DataSource ds = TestDatabases.postgresOrSkip();
        TestDatabases.dropTables(ds, "guard_coupon_", "refusal", "redemption", "customer_usage", "code", "campaign");
        CouponStore.jdbc(ds, "guard_coupon_").createSchema();
        return CouponStore.jdbc(ds, "guard_coupon_");
    }

    @Override
    protected LedgerStore newLedgerStore() {
        DataSource ds = TestDatabases.postgresOrSkip();
        PostgresLedgerStoreTest.dropTables(ds, "guard_points_");
        LedgerStore.jdbc(ds, "guard_points_").createSchema();
        return LedgerStore.jdbc(ds, "guard_points_");
    }
}
