package dev.o2o.core.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The SQL dialects o2o's stores support, with the few statements that differ between them.
 * Stateless and thread-safe.
 */
public enum Dialect {
    /** H2 2.x in its default mode. */
    H2,
    /** PostgreSQL 12 or later. */
    POSTGRESQL;

    /**
     * The dialect of the database behind {@code connection}, from its product name.
     *
     * @throws IllegalStateException for any other database
     */
    public static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.equals("h2")) {
            return H2;
        }
        if (p.equals("postgresql")) {
            return POSTGRESQL;
        }
        throw new IllegalStateException("unsupported database '" + product + "': o2o stores run on H2 and PostgreSQL");
    }

    /**
     * An INSERT whose unique conflict is expected (creating a row that may exist) made quiet:
     * on PostgreSQL {@code insert} followed by {@code ON CONFLICT DO NOTHING}, so that the server
     * logs no duplicate-key error (with the key's value); on H2, which has no server log,
     * {@code insert} unchanged. Run it with {@link #insertIfAbsent(PreparedStatement)}.
     *
     * @param insert a single-row {@code INSERT INTO ... VALUES (...)} without a trailing semicolon
     */
    public String insertIgnoringConflict(String insert) {
        return this == POSTGRESQL ? insert + " ON CONFLICT DO NOTHING" : insert;
    }

    /**
     * Executes a statement made by {@link #insertIgnoringConflict(String)}; whether it inserted a
     * row ({@code false}: the row was there). On H2 a unique violation fails only that statement,
     * not the transaction, and is read as {@code false}.
     */
    public boolean insertIfAbsent(PreparedStatement statement) throws SQLException {
        try {
            return statement.executeUpdate() > 0;
        } catch (SQLException e) {
            if (this == H2 && SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }
}
