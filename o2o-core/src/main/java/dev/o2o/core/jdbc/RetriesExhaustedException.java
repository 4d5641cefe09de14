package dev.o2o.core.jdbc;

import java.sql.SQLException;

/**
 * Every attempt of a transaction ended in a serialization failure, deadlock or lock timeout (see
 * {@link SqlErrors#RETRYABLE}); nothing was committed. The cause is the last attempt's error, the
 * earlier ones are suppressed.
 */
public final class RetriesExhaustedException extends TransactionException {

    private static final long serialVersionUID = 1L;

    private final int attempts;

    RetriesExhaustedException(String operation, int attempts, SQLException last) {
        super(operation + " failed after " + attempts + " attempts, each a serialization failure, deadlock or "
                + "lock timeout (last SQLState " + SqlErrors.state(last) + ")", last);
        this.attempts = attempts;
    }

    /** How many times the transaction ran. */
    public int attempts() {
        return attempts;
    }
}
