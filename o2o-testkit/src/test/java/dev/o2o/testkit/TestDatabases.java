package dev.o2o.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/** The databases the kits run on in this module's tests. */
public final class TestDatabases {

    private static final AtomicInteger N = new AtomicInteger();
    /** Differs per JVM run, so that table prefixes of runs against one PostgreSQL database never meet. */
    public static final String RUN = Long.toString(System.nanoTime() % 1_000_000_007L, 36);

    private TestDatabases() {
    }

    /** A fresh in-memory H2 database. */
    public static DataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + "_" + N.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        return ds;
    }

    /** A table prefix not used before in this run: {@code <stem><run>_<n>_}. */
    public static String freshPrefix(String stem) {
        return stem + RUN + "_" + N.incrementAndGet() + "_";
    }

    /** PostgreSQL at O2O_TEST_PG_URL; skips without it unless O2O_REQUIRE_PG=true. */
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
