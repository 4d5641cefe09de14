package dev.o2o.loyalty.coupon;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Validates coupons against a cart and a customer, stacks several, and finds the best
 * combination of a wallet.
 *
 * <p>Implementations from {@link #create} are immutable and thread-safe.
 */
public interface CouponValidator {

    /** Validates one coupon on the whole cart: every failed condition, or the discount per line. */
    ValidationResult validate(Coupon coupon, Cart cart, CustomerContext customer);

    /**
     * Applies coupons in {@link StackResult#APPLICATION_ORDER} (higher priority first; within a
     * priority fixed prices and gifts, then thresholds and fixed amounts, then rates; then by id),
     * never in the caller's order, each on the base chosen by
     * {@link ValidationOptions#base()} and never more than what remains. Invalid coupons are
     * reported and skipped; an exclusive coupon listed with others fails with
     * {@link ReasonCode#STACKING_NOT_ALLOWED}, as does a coupon listed twice.
     */
    StackResult apply(List<Coupon> coupons, Cart cart, CustomerContext customer);

    /**
     * The combination of the wallet's coupons with the largest total discount (exact search by
     * branch and bound); an exclusive coupon is only ever chosen alone. On a tie an exclusive
     * coupon alone wins, and among stackable combinations the first found in priority order. The
     * result lists only the chosen coupons.
     *
     * @throws IllegalArgumentException if more than 62 stackable coupons of the wallet are valid
     */
    StackResult best(List<Coupon> wallet, Cart cart, CustomerContext customer);

    /** A validator reading time from {@code clock} and usage from {@code usage}. */
    static CouponValidator create(Clock clock, UsageSource usage, ValidationOptions options) {
        return new DefaultValidator(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(usage, "usage"),
                Objects.requireNonNull(options, "options"));
    }

    /** A validator with default options that sees no prior usage. */
    static CouponValidator create(Clock clock) {
        return create(clock, UsageSource.none(), ValidationOptions.defaults());
    }
}
