package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A recorded redemption.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key          the idempotency key
 * @param code         the code
 * @param couponId     the coupon
 * @param customer     the customer
 * @param orderId      the order
 * @param discount     the discount granted
 * @param storeId      the store, if offline
 * @param cashierId    the cashier, if offline
 * @param redeemedAt   when (millisecond precision)
 * @param rolledBackAt when it was rolled back (refund), if it was
 */
public record Redemption(String key, String code, String couponId, CustomerKey customer, String orderId, Money discount,
                         Optional<String> storeId, Optional<String> cashierId, Instant redeemedAt,
                         Optional<Instant> rolledBackAt) {

    public Redemption {
        Check.id(key, "key");
        Check.code(code, "code");
        Check.id(couponId, "couponId");
        Objects.requireNonNull(customer, "customer");
        Check.id(orderId, "orderId");
        Check.amount(discount, "discount");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(cashierId, "cashierId");
        Objects.requireNonNull(redeemedAt, "redeemedAt");
        Objects.requireNonNull(rolledBackAt, "rolledBackAt");
    }

    /** True if it was rolled back. */
    public boolean isRolledBack() {
        return rolledBackAt.isPresent();
    }
}
