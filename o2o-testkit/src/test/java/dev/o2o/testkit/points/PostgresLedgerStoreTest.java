package dev.o2o.testkit.points;

import dev.o2o.core.test.TestDatabases;
import dev.o2o.loyalty.points.LedgerStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The conformance suite on the JDBC store over PostgreSQL at {@code O2O_TEST_PG_URL}. Skipped with a
 * message when the variable is unset or the server unreachable, unless {@code O2O_REQUIRE_PG=true}.
 * Tables use the prefix {@code points_} and are dropped and created again before each test.
 */
public class PostgresLedgerStoreTest extends LedgerStoreConformanceTest {

    static final String PREFIX = "points_";

    @Override
    protected LedgerStore newStore() {
        DataSource ds = TestDatabases.postgresOrSkip();
        dropTables(ds, PREFIX);
        LedgerStore.jdbc(ds, PREFIX).createSchema();
        return LedgerStore.jdbc(ds, PREFIX);
    }

    /** Drops the ledger's tables (and those of earlier schema versions) under {@code prefix}. */
    public static void dropTables(DataSource ds, String prefix) {
        TestDatabases.dropTables(ds, prefix, "outcome", "rejection", "movement", "lot", "entry", "account");
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DROP SEQUENCE IF EXISTS " + prefix + "entry_seq");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the points sequence: " + e.getMessage(), e);
        }
    }

    @Override
    protected int opsPerThread() {
        return 150;
    }
}
