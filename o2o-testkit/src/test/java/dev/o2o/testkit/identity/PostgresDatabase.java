package dev.o2o.testkit.identity;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
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
        String url = System.getenv("O2O_TEST_PG_URL");
        boolean required = "true".equalsIgnoreCase(System.getenv("O2O_REQUIRE_PG"));
        if (url == null || url.isBlank()) {
            if (required) {
                fail("O2O_REQUIRE_PG=true but O2O_TEST_PG_URL is not set");
            }
            Assumptions.abort("O2O_TEST_PG_URL is not set: PostgreSQL tests skipped");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        try (Connection c = ds.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            if (required) {
                fail("O2O_REQUIRE_PG=true but PostgreSQL at O2O_TEST_PG_URL is unreachable: " + e.getMessage());
            }
            Assumptions.abort("PostgreSQL at O2O_TEST_PG_URL is unreachable (" + e.getMessage() + "): skipped");
        }
        return ds;
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
