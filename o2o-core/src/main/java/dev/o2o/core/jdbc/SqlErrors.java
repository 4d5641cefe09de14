package dev.o2o.core.jdbc;

import java.sql.SQLException;
import java.util.Set;

/**
 * Classification of {@link SQLException}s by SQLState (and H2's error code), looking through the
 * exception's chain of next exceptions (a batch reports its first failure there). Stateless and
 * thread-safe.
 */
public final class SqlErrors {

    /** SQLState of a unique (or primary key) violation, on PostgreSQL and H2. */
    public static final String UNIQUE_VIOLATION = "23505";

    /**
     * SQLStates after which the transaction was rolled back and may simply run again: 40001
     * serialization failure (also H2's deadlock), 40P01 PostgreSQL deadlock, HYT00 H2 lock timeout.
     */
    public static final Set<String> RETRYABLE = Set.of("40001", "40P01", "HYT00");

    private static final int H2_DUPLICATE_KEY = 23505;
    /** Bounds the walk: some drivers chain an exception to itself. */
    private static final int MAX_CHAIN = 16;

    private SqlErrors() {
    }

    /** Whether {@code e} (or an exception it chains) is a unique or primary key violation. */
    public static boolean isUniqueViolation(SQLException e) {
        int n = 0;
        for (SQLException x = e; x != null && n++ < MAX_CHAIN; x = x.getNextException()) {
            if (UNIQUE_VIOLATION.equals(x.getSQLState()) || x.getErrorCode() == H2_DUPLICATE_KEY
                    && x.getClass().getName().startsWith("org.h2.")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e} (or an exception it chains) has a SQLState in {@link #RETRYABLE}. */
    public static boolean isRetryable(SQLException e) {
        int n = 0;
        for (SQLException x = e; x != null && n++ < MAX_CHAIN; x = x.getNextException()) {
            if (x.getSQLState() != null && RETRYABLE.contains(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The SQLState of {@code e} for messages ({@code "none"} when the driver gave none). */
    static String state(SQLException e) {
        return e.getSQLState() == null ? "none" : e.getSQLState();
    }
}
