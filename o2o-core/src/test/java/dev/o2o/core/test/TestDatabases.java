package dev.o2o.core.test;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases every module's JDBC tests run on, shared through o2o-core's test-jar: a fresh H2 in
 * memory, and the PostgreSQL at {@code O2O_TEST_PG_URL}. Without that variable, or with the server
 * unreachable, a PostgreSQL test is skipped with a message; under {@code O2O_REQUIRE_PG=true} (as in
 * CI) it fails instead, so that a CI run can never pass by skipping the PostgreSQL half.
 * Thread-safe.
 */
public final class TestDatabases {

    /** The environment variable holding the JDBC URL of the test PostgreSQL. */
    public static final String PG_URL = "O2O_TEST_PG_URL";
    /** The environment variable that turns a missing PostgreSQL from a skip into a failure. */
    public static final String REQUIRE_PG = "O2O_REQUIRE_PG";

    private static final AtomicInteger N = new AtomicInteger();
    /** Differs per JVM run, so that table prefixes and schemas of runs against one PostgreSQL never meet. */
    public static final String RUN = Long.toString(System.nanoTime() % 1_000_000_007L, 36);

    private TestDatabases() {
    }

    /** The URL of a fresh in-memory H2 database named after {@code name}, kept until the JVM ends. */
    public static String h2Url(String name) {
        return "jdbc:h2:mem:" + name + "_" + N.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
    }

    /** A fresh in-memory H2 database (see {@link #h2Url}). */
    public static DataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(h2Url(name));
        return ds;
    }

    /** A table prefix not used before in this run: {@code <stem><run>_<n>_}. */
    public static String freshPrefix(String stem) {
        return stem + RUN + "_" + N.incrementAndGet() + "_";
    }

    /** PostgreSQL at {@code O2O_TEST_PG_URL}; skips without it unless {@code O2O_REQUIRE_PG=true}. */
    public static PGSimpleDataSource postgresOrSkip() {
        return reachable(postgresUrlOrSkip());
    }

    private static PGSimpleDataSource reachable(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        try (Connection c = ds.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            unusable("unreachable", e);
        }
        return ds;
    }

    /**
     * The URL of a schema of its own, named {@code <stem>_<run>_<n>}, on the PostgreSQL at
     * {@code O2O_TEST_PG_URL}, for code whose tables have fixed names; skips like
     * {@link #postgresOrSkip()}.
     */
    public static String postgresSchemaUrlOrSkip(String stem) {
        String url = postgresUrlOrSkip();
        PGSimpleDataSource ds = reachable(url);
        String schema = stem + "_" + RUN + "_" + N.incrementAndGet();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            unusable("unusable", e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops the tables {@code prefix + name} for each name, where they exist. */
    public static void dropTables(DataSource ds, String prefix, String... names) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String t : names) {
                st.executeUpdate("DROP TABLE IF EXISTS " + prefix + t);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the tables under " + prefix + ": " + e.getMessage(), e);
        }
    }

    private static String postgresUrlOrSkip() {
        String url = System.getenv(PG_URL);
        if (url == null || url.isBlank()) {
            if (required()) {
                fail(REQUIRE_PG + "=true but " + PG_URL + " is not set");
            }
            Assumptions.abort(PG_URL + " is not set: PostgreSQL tests skipped");
        }
        return url;
    }

    private static void unusable(String what, SQLException e) {
        if (required()) {
            fail(REQUIRE_PG + "=true but PostgreSQL at " + PG_URL + " is " + what + ": " + e.getMessage());
        }
        Assumptions.abort("PostgreSQL at " + PG_URL + " is " + what + " (" + e.getMessage() + "): skipped");
    }

    private static boolean required() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRE_PG));
    }
}
