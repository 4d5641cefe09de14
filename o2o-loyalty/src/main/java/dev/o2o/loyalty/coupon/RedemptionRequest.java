package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to redeem one code for one order. Checked when built, before any store sees it: the
 * code has at most 64 characters, the key and the ids at most 200, all well-formed Unicode without
 * control characters; the discount is below {@link Money#TEXT_LIMIT} (10<sup>12</sup> in major units).
 *
 * <p>Immutable and thread-safe.
 *
 * @param key       idempotency key: a retry with the same key returns the first outcome
 * @param code      the code
 * @param customer  the customer redeeming (must be the holder)
 * @param orderId   the order
 * @param discount  the discount granted (counts against the budget), not negative
 * @param storeId   the store, for offline redemptions
 * @param cashierId the cashier, for offline redemptions
 * @param at        when
 */
public record RedemptionRequest(String key, String code, CustomerKey customer, String orderId, Money discount,
                                Optional<String> storeId, Optional<String> cashierId, Instant at) {

    public RedemptionRequest {
        Check.id(key, "redemption key");
        Check.code(code, "code");
        Objects.requireNonNull(customer, "customer");
        Check.id(orderId, "orderId");
        Check.amount(discount, "discount");
        if (discount.isNegative()) {
            throw new IllegalArgumentException("discount must not be negative: " + discount);
        }
        Objects.requireNonNull(storeId, "storeId");
        storeId.ifPresent(s -> Check.id(s, "storeId"));
        Objects.requireNonNull(cashierId, "cashierId");
        cashierId.ifPresent(s -> Check.id(s, "cashierId"));
        Objects.requireNonNull(at, "at");
    }

    /** An online redemption (no store, no cashier). */
    public static RedemptionRequest online(String key, String code, CustomerKey customer, String orderId, Money discount, Instant at) {
        return new RedemptionRequest(key, code, customer, orderId, discount, Optional.empty(), Optional.empty(), at);
    }
}
