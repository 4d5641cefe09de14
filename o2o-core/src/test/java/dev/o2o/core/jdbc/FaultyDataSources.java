package dev.o2o.core.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A data source whose connections fail on demand, like a server that dies at the wrong moment. */
final class FaultyDataSources {

    private FaultyDataSources() {
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
        return (DataSource) Proxy.newProxyInstance(FaultyDataSources.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, m, args) -> {
                    Object r = invoke(real, m, args);
                    if (m.getName().equals("getConnection")) {
                        Connection c = (Connection) r;
                        return Proxy.newProxyInstance(FaultyDataSources.class.getClassLoader(),
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
