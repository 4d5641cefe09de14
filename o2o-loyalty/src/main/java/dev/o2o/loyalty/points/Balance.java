package dev.o2o.loyalty.points;

/**
 * An account's points at one instant.
 *
 * <p>Immutable and thread-safe.
 *
 * @param total     all points in open lots (the ledger balance)
 * @param available spendable now
 * @param pending   earned but not yet spendable (return period)
 * @param dueToExpire past their expiry, waiting for the next expiry run; not spendable
 */
public record Balance(long total, long available, long pending, long dueToExpire) {

    public Balance {
        Checks.nonNegative(available, "available");
        Checks.nonNegative(pending, "pending");
        Checks.nonNegative(dueToExpire, "dueToExpire");
        if (available + pending + dueToExpire != total) {
            throw new IllegalArgumentException("available " + available + " + pending " + pending
                    + " + dueToExpire " + dueToExpire + " must equal total " + total);
        }
    }
}
