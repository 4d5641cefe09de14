package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The limits of a coupon that a {@link CouponStore} enforces atomically on redemption, set on the
 * coupon's builder ({@link Coupon.Builder#totalQuantity}, {@link Coupon.Builder#totalBudget},
 * {@link Coupon.Builder#perCustomerLimit}). {@link #check} is the one implementation of these
 * rules: validation and every built-in store call it, so the outcomes and messages agree.
 *
 * <p>Immutable and thread-safe.
 *
 * @param couponId         the coupon
 * @param totalQuantity    most redemptions overall, if limited (at least 1)
 * @param totalBudget      most discount overall, if limited (positive, below {@link dev.o2o.core.Money#TEXT_LIMIT})
 * @param perCustomerLimit most redemptions per customer, if limited (at least 1)
 */
public record CouponLimits(String couponId, OptionalLong totalQuantity, Optional<Money> totalBudget,
                           OptionalInt perCustomerLimit) {

    public CouponLimits {
        Check.id(couponId, "couponId");
        Objects.requireNonNull(totalQuantity, "totalQuantity");
        Objects.requireNonNull(totalBudget, "totalBudget");
        Objects.requireNonNull(perCustomerLimit, "perCustomerLimit");
        if (totalQuantity.isPresent()) {
            requireQuantity(totalQuantity.getAsLong());
        }
        totalBudget.ifPresent(CouponLimits::requireBudget);
        if (perCustomerLimit.isPresent()) {
            requirePerCustomer(perCustomerLimit.getAsInt());
        }
    }

    static long requireQuantity(long quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("totalQuantity must be at least 1: " + quantity);
        }
        return quantity;
    }

    static Money requireBudget(Money budget) {
        Check.amount(budget, "totalBudget");
        if (!budget.isPositive()) {
            throw new IllegalArgumentException("totalBudget must be positive: " + budget);
        }
        return budget;
    }

    static int requirePerCustomer(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("perCustomerLimit must be at least 1: " + limit);
        }
        return limit;
    }

    /** No limits. */
    public static CouponLimits none(String couponId) {
        return new CouponLimits(couponId, OptionalLong.empty(), Optional.empty(), OptionalInt.empty());
    }

    /** True if any limit is set. */
    public boolean isLimited() {
        return totalQuantity.isPresent() || totalBudget.isPresent() || perCustomerLimit.isPresent();
    }

    /**
     * Every limit that one more redemption granting {@code discount} would break, given the usage
     * before it, in this order: CURRENCY_MISMATCH (the discount is not in the budget's currency;
     * the budget is then not checked), QUANTITY_EXHAUSTED (all units used), BUDGET_EXHAUSTED (the
     * budget is spent, or what is left is less than the discount), PER_CUSTOMER_LIMIT. Empty if the
     * redemption is within every limit. A store refuses with the first.
     */
    public List<Violation> check(CouponUsage before, Money discount) {
        Objects.requireNonNull(before, "before");
        Check.amount(discount, "discount");
        List<Violation> out = new ArrayList<>(0);
        check(before, discount.minorUnits(), discount.currency(), (code, message) -> out.add(new Violation(code, message)));
        return out;
    }

    /** {@link #check(CouponUsage, Money)} on minor units, reporting to {@code out}: the validator's allocation-free path. */
    void check(CouponUsage before, long discountMinor, Currency currency, Violations out) {
        boolean currencyOk = totalBudget.isEmpty() || totalBudget.get().currency().equals(currency);
        if (!currencyOk) {
            out.add(ReasonCode.CURRENCY_MISMATCH, "the discount is in " + currency.getCurrencyCode()
                    + ", the budget in " + totalBudget.get().currency().getCurrencyCode());
        }
        if (totalQuantity.isPresent() && before.redeemed() >= totalQuantity.getAsLong()) {
            out.add(ReasonCode.QUANTITY_EXHAUSTED, "all " + totalQuantity.getAsLong() + " units are used");
        }
        if (currencyOk && totalBudget.isPresent()) {
            long left = totalBudget.get().minorUnits() - before.spentMinor();
            if (left <= 0 || discountMinor > left) {
                out.add(ReasonCode.BUDGET_EXHAUSTED, "the budget of " + totalBudget.get()
                        + " cannot cover a discount of " + Money.ofMinor(discountMinor, currency));
            }
        }
        if (perCustomerLimit.isPresent() && before.redeemedByCustomer() >= perCustomerLimit.getAsInt()) {
            out.add(ReasonCode.PER_CUSTOMER_LIMIT, "the customer has used the coupon "
                    + perCustomerLimit.getAsInt() + " time(s), the limit");
        }
    }
}
