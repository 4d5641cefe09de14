package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of applying several coupons to one cart: each coupon's result in the order
 * they were applied, and the combined discount per line.
 *
 * <p>Immutable and thread-safe.
 *
 * @param results       one result per coupon, in application order (invalid ones contribute nothing)
 * @param lineDiscounts the combined discount per cart line
 * @param totalDiscount the combined discount, the sum of {@code lineDiscounts}
 */
public record StackResult(List<ValidationResult> results, List<Money> lineDiscounts, Money totalDiscount) {

    public StackResult {
        results = List.copyOf(Objects.requireNonNull(results, "results"));
        lineDiscounts = List.copyOf(Objects.requireNonNull(lineDiscounts, "lineDiscounts"));
        Objects.requireNonNull(totalDiscount, "totalDiscount");
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
}
