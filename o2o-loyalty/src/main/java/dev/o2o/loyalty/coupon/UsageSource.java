package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;

/**
 * Where validation reads how much of a coupon is used (a {@link CouponStore} is one). Reading
 * it is advisory: the store enforces the limits again, atomically, when redeeming.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface UsageSource {

    /** The usage of a coupon, and by one customer. */
    CouponUsage usage(String couponId, CustomerKey customer);

    /** A source that reports nothing used. */
    static UsageSource none() {
        return (couponId, customer) -> CouponUsage.NONE;
    }
}
