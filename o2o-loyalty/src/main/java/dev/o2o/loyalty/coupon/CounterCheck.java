package dev.o2o.loyalty.coupon;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link CouponService#verifyAtStore(String, CustomerContext, String)} at a store
 * counter, before the cart is known: every condition that could be checked without the cart that
 * failed, and, in words, the conditions that remain for the cart (minimum spends, eligible lines,
 * the threshold of the discount, a budget large enough for the discount, custom conditions).
 *
 * <p>A code that passes here can still be refused at redemption, but only by a remaining
 * condition or by a change between the two calls (another redemption, the clock passing an
 * expiry).
 *
 * <p>Immutable and thread-safe.
 *
 * @param couponId       the coupon of the code, if the code was found
 * @param violations     every failed condition, empty if the code may be used
 * @param remaining      what is left for redemption to check, in words, in the coupon's order
 */
public record CounterCheck(Optional<String> couponId, List<Violation> violations, List<String> remaining) {

    public CounterCheck {
        Objects.requireNonNull(couponId, "couponId");
        violations = List.copyOf(Objects.requireNonNull(violations, "violations"));
        remaining = List.copyOf(Objects.requireNonNull(remaining, "remaining"));
    }

    static CounterCheck refused(ReasonCode code, String message) {
        return new CounterCheck(Optional.empty(), List.of(new Violation(code, message)), List.of());
    }

    /** True if nothing checked at the counter failed. */
    public boolean passed() {
        return violations.isEmpty();
    }

    /** The codes of the failed conditions, in order. */
    public List<ReasonCode> codes() {
        List<ReasonCode> out = new ArrayList<>(violations.size());
        for (Violation v : violations) {
            out.add(v.code());
        }
        return out;
    }

    /** As a store outcome: success, or a failure with the first violation. */
    public StoreOutcome outcome() {
        return violations.isEmpty() ? StoreOutcome.OK
                : new StoreOutcome(Optional.of(violations.get(0)), Optional.empty(), false);
    }
}
