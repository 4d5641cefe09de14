package dev.o2o.testkit.coupon;

import dev.o2o.loyalty.coupon.CouponStore;

import org.h2.jdbcx.JdbcDataSource;

import java.util.UUID;

class H2CouponStoreTest extends CouponStoreConformanceTest {
    @Override
    protected CouponStore newStore() {
        return freshStore();
    }

    /** A JDBC store in a fresh in-memory H2 database. */
    static CouponStore freshStore() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:coupon-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
        CouponStore.jdbc(ds, "coupon_").createSchema();
        CouponStore.jdbc(ds, "coupon_").createSchema(); // idempotent
        return CouponStore.jdbc(ds, "coupon_");
    }
}
