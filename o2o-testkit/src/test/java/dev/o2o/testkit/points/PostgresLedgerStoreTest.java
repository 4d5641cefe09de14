package dev.o2o.testkit.points;

import dev.o2o.loyalty.points.LedgerStore;
import dev.o2o.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The conformance suite on the JDBC store over PostgreSQL at {@code O2O_TEST_PG_URL}. Skipped with a
 * message when the variable is unset or the server unreachable, unless {@code O2O_REQUIRE_PG=true}.
 * Tables use the prefix {@code points_} and are dropped and created again before each test.
 */
public class PostgresLedgerStoreTest extends LedgerStoreConformanceTest {

    static final String PREFIX = "points_";

    /** The data source at {@code O2O_TEST_PG_URL}, or the test is skipped (failed under {@code O2O_REQUIRE_PG=true}). */
    public static PGSimpleDataSource dataSourceOrSkip() {
        return TestDatabases.postgresOrSkip();
    }

    @Override
    protected LedgerStore newStore() {
        PGSimpleDataSource ds = dataSourceOrSkip();
        dropTables(ds, PREFIX);
        LedgerStore.jdbc(ds, PREFIX).createSchema();
        return LedgerStore.jdbc(ds, PREFIX);
    }

    /** Drops the ledger's tables (and those of earlier schema versions) under {@code prefix}. */
    public static void dropTables(PGSimpleDataSource ds, String prefix) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String t : new String[] {"outcome", "rejection", "movement", "lot", "entry", "account"}) {
                st.executeUpdate("DROP TABLE IF EXISTS " + prefix + t);
            }
            st.executeUpdate("DROP SEQUENCE IF EXISTS " + prefix + "entry_seq");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the points tables: " + e.getMessage(), e);
        }
    }

    @Override
    protected int opsPerThread() {
        return 150;
    }
}
