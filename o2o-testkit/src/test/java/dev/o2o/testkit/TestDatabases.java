package dev.o2o.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/** The PostgreSQL that this module's store tests run on, for every kit's tests (one copy). */
public final class TestDatabases {

    private TestDatabases() {
    }

    /**
     * PostgreSQL at {@code O2O_TEST_PG_URL}: the test is skipped with a message when the variable is
     * unset or the server unreachable, and fails instead when {@code O2O_REQUIRE_PG=true} (CI).
     */
    public static PGSimpleDataSource postgresOrSkip() {
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
}
