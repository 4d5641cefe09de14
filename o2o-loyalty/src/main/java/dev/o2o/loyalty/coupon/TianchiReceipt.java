package dev.o2o.loyalty.coupon;

import java.time.LocalDate;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One coupon receipt of the Tianchi O2O data (offline coupons, amounts in CNY).
 *
 * <p>Immutable and thread-safe.
 *
 * @param userId       User_id
 * @param merchantId   Merchant_id
 * @param couponId     Coupon_id
 * @param discount     Discount_rate parsed
 * @param distance     Distance in 500 m units, 0 (under 500 m) to 10 (over 5 km); empty for "null"
 * @param dateReceived Date_received
 */
public record TianchiReceipt(long userId, long merchantId, long couponId, Discount discount, OptionalInt distance,
                             LocalDate dateReceived) {

    public TianchiReceipt {
        Objects.requireNonNull(discount, "discount");
        Objects.requireNonNull(distance, "distance");
        Objects.requireNonNull(dateReceived, "dateReceived");
        if (distance.isPresent() && (distance.getAsInt() < 0 || distance.getAsInt() > 10)) {
            throw new IllegalArgumentException("distance must be within 0..10: " + distance.getAsInt());
        }
    }
}
