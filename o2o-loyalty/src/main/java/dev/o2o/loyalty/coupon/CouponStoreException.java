package dev.o2o.loyalty.coupon;

import dev.o2o.core.jdbc.TransactionException;

/**
 * A storage failure (for example a lost database connection), not a business outcome. Its
 * message names the operation, never a key, code or customer. Safe to pass between threads once
 * thrown.
 */
public class CouponStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message and its cause. */
    public CouponStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True if the operation may have been committed although it failed (its COMMIT itself failed,
     * see {@link dev.o2o.core.jdbc.CommitOutcomeUnknownException}). Run the same request again with
     * the same redemption key: the store then replays the committed outcome or does the work once.
     */
    public boolean outcomeUnknown() {
        return getCause() instanceof TransactionException t && t.outcomeUnknown();
    }
}
