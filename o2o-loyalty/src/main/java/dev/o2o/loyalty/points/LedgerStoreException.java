package dev.o2o.loyalty.points;

/**
 * A storage failure of a {@link LedgerStore} (for example a lost database connection). Safe to pass
 * between threads once thrown.
 */
public class LedgerStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause   the underlying error
     */
    public LedgerStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
