package dev.o2o.examples.serve;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/** The databases the service's tests run on: a new H2 in memory, or a new schema on PostgreSQL. */
final class ServeDatabases {

    private static final AtomicInteger N = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_007L, 36);

    private ServeDatabases() {
    }

    static String h2() {
        return "jdbc:h2:mem:serve_" + RUN + "_" + N.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    /**
     * A URL of a schema of its own on the PostgreSQL at O2O_TEST_PG_URL (the service's tables have
     * fixed names); skips without it, fails when O2O_REQUIRE_PG=true.
     */
    static String postgresOrSkip() {
        String url = System.getenv("O2O_TEST_PG_URL");
        boolean required = "true".equalsIgnoreCase(System.getenv("O2O_REQUIRE_PG"));
        if (url == null || url.isBlank()) {
            if (required) {
                fail("O2O_REQUIRE_PG=true but O2O_TEST_PG_URL is not set");
            }
            Assumptions.abort("O2O_TEST_PG_URL is not set: PostgreSQL tests of o2o serve skipped");
        }
        String schema = "serve_" + RUN + "_" + N.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if (required) {
                fail("O2O_REQUIRE_PG=true but PostgreSQL at O2O_TEST_PG_URL is unusable: " + e.getMessage());
            }
            Assumptions.abort("PostgreSQL at O2O_TEST_PG_URL is unusable (" + e.getMessage() + "): skipped");
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
