package dev.o2o.testkit.coupon;

import dev.o2o.loyalty.coupon.CouponStore;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;

/** The coupon merge kit on PostgreSQL at {@code O2O_TEST_PG_URL}, skipped as {@link PostgresCouponStoreTest} is. */
class PostgresCouponMergesTest extends CouponMergesConformanceTest {

    @AfterAll
    static void disconnect() throws SQLException {
        PostgresCouponStoreTest.disconnect();
    }

    @Override
    protected CouponStore newStore() {
        return PostgresCouponStoreTest.freshStore();
    }
}
