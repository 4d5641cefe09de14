package dev.o2o.testkit.guard;

import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.points.LedgerStore;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** The guard kit on the JDBC stores over embedded H2 (fresh databases per test). */
class H2GuardTest extends GuardConformanceTest {
    private static JdbcDataSource fresh(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000");
        return ds;
    }

    @Override
    protected CouponStore newCouponStore() {
        JdbcDataSource ds = fresh("guard-coupon");
        CouponStore.jdbc(ds, "coupon_").createSchema();
        return CouponStore.jdbc(ds, "coupon_");
    }

    @Override
    protected LedgerStore newLedgerStore() {
        JdbcDataSource ds = fresh("guard-points");
        LedgerStore.jdbc(ds, "points_").createSchema();
        return LedgerStore.jdbc(ds, "points_");
    }
}
