package dev.o2o.core.jdbc;

import java.sql.SQLException;

/**
 * The COMMIT itself failed (a lost connection, a dropped acknowledgement): the transaction may or
 * may not have been committed, and the store cannot tell. Nothing has been retried. Run the same
 * operation again with the same idempotency key: the store then either finds the committed result
 * and replays it, or does the work once.
 *
 * <p>The cause is the COMMIT's own error; an error of the rollback attempted after it is attached
 * as suppressed and never replaces it.
 */
public final class CommitOutcomeUnknownException extends TransactionException {

    private static final long serialVersionUID = 1L;

    CommitOutcomeUnknownException(String operation, SQLException commitFailure) {
        super(operation + ": COMMIT failed (SQLState " + SqlErrors.state(commitFailure) + "), so the outcome is "
                + "UNKNOWN; retrying with the same idempotency key resolves it", commitFailure);
    }

    @Override
    public boolean outcomeUnknown() {
        return true;
    }
}
