package dev.o2o.loyalty.points;

/**
 * Thrown by a {@link LedgerStore} when an entry's idempotency key exists already. The ledger catches
 * it, retries the posting and answers with the first entry. Safe to pass between
 * threads once thrown.
 */
public class DuplicateKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param key the idempotency key that exists already */
    public DuplicateKeyException(String key) {
        super("idempotency key exists already: " + key);
    }
}
