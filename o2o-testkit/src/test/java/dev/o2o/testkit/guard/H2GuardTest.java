package dev.o2o.testkit.guard;

import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.core.test.TestDatabases;
import javax.sql.DataSource;

/** The guard kit on the JDBC stores over embedded H2 (fresh databases per test). */
class H2GuardTest extends GuardConformanceTest {
    @Override
    protected CouponStore newCouponStore() {
        DataSource ds = TestDatabases.h2("guard_coupon");
        CouponStore.jdbc(ds, "coupon_").createSchema();
        return CouponStore.jdbc(ds, "coupon_");
    }

    @Override
    protected LedgerStore newLedgerStore() {
        DataSource ds = TestDatabases.h2("guard_points");
        LedgerStore.jdbc(ds, "points_").createSchema();
        return LedgerStore.jdbc(ds, "points_");
    }
}
