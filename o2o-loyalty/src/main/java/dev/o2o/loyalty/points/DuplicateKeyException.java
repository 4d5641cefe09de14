package dev.o2o.loyalty.points;

/**
 * Thrown by a {@link LedgerStore} when an idempotency key has an outcome already (an entry or a
 * rejection, on any account). The ledger catches it, runs the posting again and answers with the
 * first outcome. The message shows the key masked. Safe to pass between threads once thrown.
 */
public class DuplicateKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param key the idempotency key that has an outcome already */
    public DuplicateKeyException(IdempotencyKey key) {
        super("idempotency key has an outcome already: " + key.masked());
    }
}
