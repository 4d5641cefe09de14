package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The limits a {@link CouponStore} enforces atomically on redemption, taken from a coupon's
 * {@link CouponCondition#totalQuantity}, {@link CouponCondition#totalBudget} and
 * {@link CouponCondition#perCustomerLimit} conditions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param couponId         the coupon
 * @param totalQuantity    most redemptions overall, if limited
 * @param totalBudget      most discount overall, if limited
 * @param perCustomerLimit most redemptions per customer, if limited
 */
public record CouponLimits(String couponId, OptionalLong totalQuantity, Optional<Money> totalBudget,
                           OptionalInt perCustomerLimit) {

    public CouponLimits {
        Check.id(couponId, "couponId");
        Objects.requireNonNull(totalQuantity, "totalQuantity");
        Objects.requireNonNull(totalBudget, "totalBudget");
        Objects.requireNonNull(perCustomerLimit, "perCustomerLimit");
        if (totalQuantity.isPresent() && totalQuantity.getAsLong() < 1) {
            throw new IllegalArgumentException("totalQuantity of coupon '" + couponId + "' must be at least 1: " + totalQuantity.getAsLong());
        }
        if (totalBudget.isPresent() && !totalBudget.get().isPositive()) {
            throw new IllegalArgumentException("totalBudget of coupon '" + couponId + "' must be positive: " + totalBudget.get());
        }
        if (perCustomerLimit.isPresent() && perCustomerLimit.getAsInt() < 1) {
            throw new IllegalArgumentException("perCustomerLimit of coupon '" + couponId + "' must be at least 1: " + perCustomerLimit.getAsInt());
        }
    }

    /** No limits. */
    public static CouponLimits none(String couponId) {
        return new CouponLimits(couponId, OptionalLong.empty(), Optional.empty(), OptionalInt.empty());
    }
}
