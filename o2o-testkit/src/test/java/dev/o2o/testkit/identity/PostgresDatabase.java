package dev.o2o.testkit.identity;

import dev.o2o.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL database at {@code O2O_TEST_PG_URL} for the identity and profile kit runs: skipped
 * with a message when unset or unreachable, failed instead under {@code O2O_REQUIRE_PG=true}.
 */
public final class PostgresDatabase {

    private PostgresDatabase() {
    }

    /** A data source, or the test is skipped (or failed, when PostgreSQL is required). */
    public static PGSimpleDataSource dataSourceOrSkip() {
        return TestDatabases.postgresOrSkip();
    }

    /** Drops the tables {@code prefix + name} for each name. */
    public static void drop(PGSimpleDataSource ds, String prefix, String... names) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String t : names) {
                st.executeUpdate("DROP TABLE IF EXISTS " + prefix + t);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the tables under " + prefix + ": " + e.getMessage(), e);
        }
    }
}
