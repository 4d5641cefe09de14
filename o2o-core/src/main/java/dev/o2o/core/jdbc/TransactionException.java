package dev.o2o.core.jdbc;

import java.sql.SQLException;

/**
 * A store operation failed in the database and was rolled back. The message names the operation
 * and the SQLState, never bound values; the driver's exception is the cause.
 */
public class TransactionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    /**
     * @param message what failed, without personal data
     * @param cause the driver's exception
     */
    public TransactionException(String message, SQLException cause) {
        super(message, cause);
        this.sqlState = cause == null ? null : cause.getSQLState();
    }

    /** The SQLState of the cause, or {@code "none"} when the driver gave none. */
    public String sqlState() {
        return sqlState == null ? "none" : sqlState;
    }

    /**
     * Whether the transaction may have committed although this exception was thrown. False
     * except for {@link CommitOutcomeUnknownException}.
     */
    public boolean outcomeUnknown() {
        return false;
    }
}
