package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of applying several coupons to one cart: each coupon's result in the order
 * they were applied, the combined discount per line, and the rule that fixed that order.
 *
 * <p>The built-in validator never applies coupons in the caller's order: it uses
 * {@link #APPLICATION_ORDER}, so listing the same coupons differently gives the same result.
 *
 * <p>Immutable and thread-safe.
 *
 * @param results          one result per coupon, in application order (invalid ones contribute nothing)
 * @param lineDiscounts    the combined discount per cart line
 * @param totalDiscount    the combined discount, the sum of {@code lineDiscounts}
 * @param applicationOrder the rule by which the coupons were ordered, in words
 */
public record StackResult(List<ValidationResult> results, List<Money> lineDiscounts, Money totalDiscount,
                          String applicationOrder) {

    /** The built-in validator's application order, as stated in its results. */
    public static final String APPLICATION_ORDER = "higher priority first; within a priority fixed prices, gifts,"
            + " n-th item and buy-x-get-y deals, then thresholds, tiers, repeating thresholds and fixed amounts, then rates"
            + " (a rate never undoes a threshold), then cross-channel vouchers (judged on what is left to pay);"
            + " then by coupon id; the caller's order is ignored";

    public StackResult {
        results = List.copyOf(Objects.requireNonNull(results, "results"));
        lineDiscounts = List.copyOf(Objects.requireNonNull(lineDiscounts, "lineDiscounts"));
        Objects.requireNonNull(totalDiscount, "totalDiscount");
        Objects.requireNonNull(applicationOrder, "applicationOrder");
    }

    /** A result in the built-in {@link #APPLICATION_ORDER}. */
    public StackResult(List<ValidationResult> results, List<Money> lineDiscounts, Money totalDiscount) {
        this(results, lineDiscounts, totalDiscount, APPLICATION_ORDER);
    }

    /** The ids of the coupons that applied, in order. */
    public List<String> appliedIds() {
        List<String> ids = new ArrayList<>();
        for (ValidationResult r : results) {
            if (r.isValid()) {
                ids.add(r.couponId());
            }
        }
        return ids;
    }

    /**
     * The in-store vouchers this stack earned: the voucher template of every applied coupon of the
     * stack whose discount is a {@link Discount.CrossChannelVoucher}, in application order. The
     * host issues them (for instance with {@code CouponService.issue}).
     *
     * @param coupons the coupons the stack was made of (others are ignored)
     */
    public List<String> vouchersEarned(List<Coupon> coupons) {
        List<String> applied = appliedIds();
        List<String> out = new ArrayList<>();
        for (String id : applied) {
            for (Coupon c : coupons) {
                if (c.id().equals(id) && c.discount() instanceof Discount.CrossChannelVoucher v) {
                    out.add(v.voucherTemplateId());
                    break;
                }
            }
        }
        return out;
    }
}
