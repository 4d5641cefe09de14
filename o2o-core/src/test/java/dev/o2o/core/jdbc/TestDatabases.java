package dev.o2o.core.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/** The databases the jdbc layer is tested on, and a data source whose connections fail on demand. */
final class TestDatabases {

    private static final AtomicInteger DB = new AtomicInteger();

    private TestDatabases() {
    }

    static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:jdbc_" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        return ds;
    }

    /** PostgreSQL at O2O_TEST_PG_URL; skips without it unless O2O_REQUIRE_PG=true. */
    static DataSource postgresOrSkip() {
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
                fail("O2O_REQUIRE_PG=true but PostgreSQL is unreachable: " + e.getMessage());
            }
            Assumptions.abort("PostgreSQL at O2O_TEST_PG_URL is unreachable: skipped");
        }
        return ds;
    }

    /** What a wrapped connection does instead of COMMIT or ROLLBACK. */
    interface Fault {
        void run(Connection real) throws SQLException;
    }

    /**
     * A data source whose connections run {@code onCommit} and {@code onRollback} instead of the
     * real COMMIT and ROLLBACK (null: the real one), like a server that dies at the wrong moment.
     */
    static DataSource faulty(DataSource real, Fault onCommit, Fault onRollback) {
        return (DataSource) Proxy.newProxyInstance(TestDatabases.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, m, args) -> {
                    Object r = invoke(real, m, args);
                    if (m.getName().equals("getConnection")) {
                        Connection c = (Connection) r;
                        return Proxy.newProxyInstance(TestDatabases.class.getClassLoader(),
                                new Class<?>[] {Connection.class}, connection(c, onCommit, onRollback));
                    }
                    return r;
                });
    }

    private static InvocationHandler connection(Connection c, Fault onCommit, Fault onRollback) {
        return (proxy, m, args) -> {
            if (m.getName().equals("commit") && onCommit != null) {
                onCommit.run(c);
                return null;
            }
            if (m.getName().equals("rollback") && (args == null || args.length == 0) && onRollback != null) {
                onRollback.run(c);
                return null;
            }
            return invoke(c, m, args);
        };
    }

    static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
