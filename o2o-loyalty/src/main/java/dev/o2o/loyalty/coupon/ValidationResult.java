package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of validating one coupon: valid with the discount per cart line and in total,
 * or invalid with every failed condition.
 *
 * <p>Immutable and thread-safe.
 */
public final class ValidationResult {
    private final String couponId;
    private final List<Violation> violations;
    private final Currency currency;
    private final long[] lineDiscountMinor;
    private final long totalMinor;

    ValidationResult(String couponId, List<Violation> violations, Currency currency, long[] lineDiscountMinor) {
        this.couponId = Objects.requireNonNull(couponId, "couponId");
        this.violations = List.copyOf(violations);
        this.currency = Objects.requireNonNull(currency, "currency");
        this.lineDiscountMinor = lineDiscountMinor;
        long t = 0;
        if (this.violations.isEmpty()) {
            for (long v : lineDiscountMinor) {
                t += v;
            }
        } else {
            Arrays.fill(lineDiscountMinor, 0);
        }
        this.totalMinor = t;
    }

    /** An invalid result with one violation and no discount. */
    static ValidationResult failed(String couponId, Currency currency, int lines, ReasonCode code, String message) {
        return new ValidationResult(couponId, List.of(new Violation(code, message)), currency, new long[lines]);
    }

    /** The coupon validated (or the code looked up). */
    public String couponId() {
        return couponId;
    }

    /** True if no condition failed. */
    public boolean isValid() {
        return violations.isEmpty();
    }

    /** Every failed condition, in the order checked; empty when valid. */
    public List<Violation> violations() {
        return violations;
    }

    /** The codes of {@link #violations()}. */
    public List<ReasonCode> codes() {
        List<ReasonCode> out = new ArrayList<>(violations.size());
        for (Violation v : violations) {
            out.add(v.code());
        }
        return out;
    }

    /** Whether one of the violations has this code. */
    public boolean has(ReasonCode code) {
        for (Violation v : violations) {
            if (v.code() == code) {
                return true;
            }
        }
        return false;
    }

    /** The discount on each cart line (zero everywhere when invalid); they sum to {@link #totalDiscount()}. */
    public List<Money> lineDiscounts() {
        List<Money> out = new ArrayList<>(lineDiscountMinor.length);
        for (long v : lineDiscountMinor) {
            out.add(Money.ofMinor(v, currency));
        }
        return List.copyOf(out);
    }

    /** The discount on line {@code i} in minor units. */
    public long lineDiscountMinor(int i) {
        return lineDiscountMinor[i];
    }

    /** Number of cart lines. */
    public int lineCount() {
        return lineDiscountMinor.length;
    }

    /** The total discount (zero when invalid). */
    public Money totalDiscount() {
        return Money.ofMinor(totalMinor, currency);
    }

    /** The total discount in minor units. */
    public long totalDiscountMinor() {
        return totalMinor;
    }

    /**
     * The result as a public-facing caller may see it: if any reason must not be disclosed
     * (see {@link ReasonCode#disclosable()}), only a single {@link ReasonCode#NOT_FOUND}.
     */
    public ValidationResult publicView() {
        for (Violation v : violations) {
            if (!v.code().disclosable()) {
                return failed(couponId, currency, lineDiscountMinor.length, ReasonCode.NOT_FOUND, "coupon not found");
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return isValid() ? "Valid[" + couponId + ", " + totalDiscount() + "]" : "Invalid[" + couponId + ", " + violations + "]";
    }
}
