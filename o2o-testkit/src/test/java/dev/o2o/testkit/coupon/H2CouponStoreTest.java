package dev.o2o.testkit.coupon;

import dev.o2o.loyalty.coupon.CouponStore;

import dev.o2o.core.test.TestDatabases;
import javax.sql.DataSource;

class H2CouponStoreTest extends CouponStoreConformanceTest {
    @Override
    protected CouponStore newStore() {
        return freshStore();
    }

    /** A JDBC store in a fresh in-memory H2 database. */
    static CouponStore freshStore() {
        DataSource ds = TestDatabases.h2("coupon");
        CouponStore.jdbc(ds, "coupon_").createSchema();
        CouponStore.jdbc(ds, "coupon_").createSchema(); // idempotent
        return CouponStore.jdbc(ds, "coupon_");
    }
}
