package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;

import java.time.Instant;

/**
 * What a {@link CouponCondition} may look at during one validation.
 *
 * <p>Not thread-safe; valid only during the call it is passed to.
 */
public interface ConditionInput {

    /** The coupon being validated. */
    Coupon coupon();

    /** The cart. */
    Cart cart();

    /** The customer, channel and store. */
    CustomerContext customer();

    /** The time of the validation (from the validator's clock). */
    Instant now();

    /** Whether line {@code i} passes every line filter of the coupon. */
    boolean isEligible(int line);

    /** The amount of the eligible lines that the coupon applies to (after earlier coupons in a stack), in minor units. */
    long eligibleBaseMinor();

    /** {@link #eligibleBaseMinor()} as money. */
    default Money eligibleBase() {
        return Money.ofMinor(eligibleBaseMinor(), cart().currency());
    }

    /** The discount this coupon would grant, in minor units (0 if it cannot be computed). */
    long discountMinor();

    /** The usage of the coupon, read once per validation. */
    CouponUsage usage();
}
