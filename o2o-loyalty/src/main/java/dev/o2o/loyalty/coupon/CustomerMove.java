package dev.o2o.loyalty.coupon;

/**
 * What a {@link CouponStore} did for a customer merge, its undoing or an erasure (counts only, no
 * personal data).
 *
 * <p>Immutable and thread-safe.
 *
 * @param replayed    whether the merge id had been applied (or undone) before, so nothing changed now
 * @param codes       issued codes moved, returned or renamed
 * @param redemptions redemptions and remembered refusals moved or renamed
 */
public record CustomerMove(boolean replayed, long codes, long redemptions) {

    public CustomerMove {
        if (codes < 0 || redemptions < 0) {
            throw new IllegalArgumentException("counts must be >= 0: codes=" + codes + ", redemptions=" + redemptions);
        }
    }
}
