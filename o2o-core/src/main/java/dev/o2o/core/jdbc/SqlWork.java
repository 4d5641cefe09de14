package dev.o2o.core.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work that {@link Transactions} runs on one connection inside one transaction. It may run more
 * than once (after a serialization failure or deadlock), so it must not have effects outside the
 * database that a second run would repeat. It must not commit, roll back or close the connection.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface SqlWork<T> {

    /** Does the work on {@code connection}, which is in a transaction (auto-commit off). */
    T apply(Connection connection) throws SQLException;
}
