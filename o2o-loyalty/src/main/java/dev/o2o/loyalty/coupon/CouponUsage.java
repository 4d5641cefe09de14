package dev.o2o.loyalty.coupon;

/**
 * How much of a coupon has been used so far, as seen by one validation.
 *
 * <p>Immutable and thread-safe.
 *
 * @param redeemed           redemptions of the coupon by everyone
 * @param spentMinor         discount granted so far, in minor units of the coupon's currency
 * @param redeemedByCustomer redemptions by the customer being validated
 */
public record CouponUsage(long redeemed, long spentMinor, long redeemedByCustomer) {

    /** Nothing used yet. */
    public static final CouponUsage NONE = new CouponUsage(0, 0, 0);

    public CouponUsage {
        if (redeemed < 0 || spentMinor < 0 || redeemedByCustomer < 0) {
            throw new IllegalArgumentException("usage counts must not be negative: redeemed=" + redeemed
                    + ", spentMinor=" + spentMinor + ", redeemedByCustomer=" + redeemedByCustomer);
        }
    }
}
