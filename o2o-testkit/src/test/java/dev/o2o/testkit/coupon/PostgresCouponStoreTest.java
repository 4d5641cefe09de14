package dev.o2o.testkit.coupon;

import dev.o2o.loyalty.coupon.CouponStore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The conformance tests on PostgreSQL at {@code O2O_TEST_PG_URL}; skipped when it is unset or
 * unreachable, unless {@code O2O_REQUIRE_PG=true}.
 */
class PostgresCouponStoreTest extends CouponStoreConformanceTest {
    private static PooledDataSource pool;
    private static String skipReason;

    @BeforeAll
    static void connect() {
        String url = System.getenv("O2O_TEST_PG_URL");
        boolean required = "true".equalsIgnoreCase(System.getenv("O2O_REQUIRE_PG"));
        if (url == null || url.isBlank()) {
            if (required) {
                throw new IllegalStateException("O2O_REQUIRE_PG=true but O2O_TEST_PG_URL is not set");
            }
            skipReason = "O2O_TEST_PG_URL is not set, skipping the PostgreSQL coupon store tests";
            return;
        }
        try (Connection c = DriverManager.getConnection(url)) {
            c.isValid(5);
        } catch (SQLException e) {
            if (required) {
                throw new IllegalStateException("O2O_REQUIRE_PG=true but PostgreSQL at O2O_TEST_PG_URL is unreachable: "
                        + e.getMessage(), e);
            }
            skipReason = "PostgreSQL at O2O_TEST_PG_URL is unreachable (" + e.getMessage() + "), skipping";
            return;
        }
        pool = new PooledDataSource(url);
    }

    @AfterAll
    static void disconnect() throws SQLException {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    @Override
    protected CouponStore newStore() {
        return freshStore();
    }

    /** Empty tables under {@code coupon_} (the test is skipped if PostgreSQL is not there). */
    static CouponStore freshStore() {
        // skipping per test (not per class) makes the skips and their reason visible in the report
        Assumptions.assumeTrue(pool != null, skipReason);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS coupon_merge_code, coupon_customer_merge, coupon_refusal, coupon_redemption, "
                    + "coupon_customer_usage, coupon_code, coupon_campaign");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        CouponStore.jdbc(pool, "coupon_").createSchema();
        return CouponStore.jdbc(pool, "coupon_");
    }
}
