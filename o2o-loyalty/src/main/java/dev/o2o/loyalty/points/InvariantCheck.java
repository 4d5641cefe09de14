package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;

/**
 * The three ways to count an account's points, which must agree: the stored balance, the sum of its
 * entries, and the sum of the remaining points of its lots.
 *
 * <p>Immutable and thread-safe.
 *
 * @param account     the account
 * @param balance     stored balance
 * @param entrySum    sum of entry points
 * @param openLotSum  sum of remaining points of lots
 */
public record InvariantCheck(CustomerKey account, long balance, long entrySum, long openLotSum) {

    /** Whether all three agree and none is negative. */
    public boolean holds() {
        return balance == entrySum && entrySum == openLotSum && balance >= 0;
    }
}
