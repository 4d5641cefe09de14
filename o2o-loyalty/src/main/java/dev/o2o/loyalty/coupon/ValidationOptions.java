package dev.o2o.loyalty.coupon;

import java.math.RoundingMode;
import java.util.Objects;

/**
 * How discounts are computed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rounding rounding of computed amounts (rates) to the currency's minor unit
 * @param base     what amount each coupon of a stack applies to
 */
public record ValidationOptions(RoundingMode rounding, Base base) {

    /** What amount each coupon in a stack applies to. */
    public enum Base {
        /** The running amount, after the coupons applied before (the usual and safe choice). */
        RUNNING,
        /** The initial amount of the cart; still never more than what remains. */
        INITIAL
    }

    public ValidationOptions {
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(base, "base");
        if (rounding == RoundingMode.UNNECESSARY) {
            throw new IllegalArgumentException("rounding must not be UNNECESSARY: rates produce fractions of a minor unit");
        }
    }

    /** HALF_EVEN rounding on the running base. */
    public static ValidationOptions defaults() {
        return new ValidationOptions(RoundingMode.HALF_EVEN, Base.RUNNING);
    }

    /** A copy with another rounding. */
    public ValidationOptions withRounding(RoundingMode r) {
        return new ValidationOptions(r, base);
    }

    /** A copy with another base. */
    public ValidationOptions withBase(Base b) {
        return new ValidationOptions(rounding, b);
    }
}
