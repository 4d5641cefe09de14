package dev.o2o.testkit.guard;

import dev.o2o.loyalty.coupon.CouponStore;
import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.testkit.points.PostgresLedgerStoreTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The guard kit on the JDBC stores over PostgreSQL at {@code O2O_TEST_PG_URL}; skipped with a
 * message when unset or unreachable, unless {@code O2O_REQUIRE_PG=true}. Tables use the prefixes
 * {@code guard_coupon_} and {@code guard_points_}, dropped and created again per test.
 */
class PostgresGuardTest extends GuardConformanceTest {

    private static void drop(PGSimpleDataSource ds, String statement) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the guard kit's tables: " + e.getMessage(), e);
        }
    }

    @Override
    protected CouponStore newCouponStore() {
        PGSimpleDataSource ds = PostgresLedgerStoreTest.dataSourceOrSkip();
        drop(ds, "DROP TABLE IF EXISTS guard_coupon_refusal, guard_coupon_redemption, guard_coupon_customer_usage, "
                + "guard_coupon_code, guard_coupon_campaign");
        CouponStore.jdbc(ds, "guard_coupon_").createSchema();
        return CouponStore.jdbc(ds, "guard_coupon_");
    }

    @Override
    protected LedgerStore newLedgerStore() {
        PGSimpleDataSource ds = PostgresLedgerStoreTest.dataSourceOrSkip();
        PostgresLedgerStoreTest.dropTables(ds, "guard_points_");
        LedgerStore.jdbc(ds, "guard_points_").createSchema();
        return LedgerStore.jdbc(ds, "guard_points_");
    }
}
