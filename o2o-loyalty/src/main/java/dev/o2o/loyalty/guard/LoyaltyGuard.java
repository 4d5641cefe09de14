package dev.o2o.loyalty.guard;

/**
 * Decides, before a coupon redemption, a store verification or a points posting is committed,
 * whether it may go ahead. Implementations (o2o-risk's velocity rules, an integrator's own checks)
 * must be fast: they run inline, for the ledger inside the posting's store transaction.
 *
 * <p>What the callers do with a verdict: {@code ALLOW} and {@code REVIEW} let the operation go on
 * (a REVIEW is the guard's own record for an operator to look at later); {@code DENY} stops it
 * before anything is written, and the caller returns a refusal naming the verdict's reason.
 * A replay of an idempotency key that already succeeded is answered from the store without
 * consulting the guard. A guard may be consulted more than once for one posting (the ledger retries
 * a transaction that lost a key race), so a guard that counts events should tolerate that.
 *
 * <p>Implementations must be thread-safe: the services call them from any thread.
 */
@FunctionalInterface
public interface LoyaltyGuard {

    /** The verdict on {@code event}; never null. */
    GuardVerdict check(GuardEvent event);

    /** The default guard: allows everything, keeps nothing. Thread-safe. */
    static LoyaltyGuard allowAll() {
        return event -> GuardVerdict.allow();
    }
}
