package dev.o2o.loyalty.tianchi;

import dev.o2o.core.ChannelKind;
import dev.o2o.loyalty.coupon.Coupon;
import dev.o2o.loyalty.coupon.CouponCondition;
import dev.o2o.loyalty.coupon.Discount;

import java.time.LocalDate;
import java.time.ZoneId;
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

    /** The contest's window: a coupon counts as used within this many days of receipt. */
    public static final int VALID_DAYS = 15;

    /** China Standard Time, the zone of the Tianchi dates. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * This receipt as a coupon definition: id {@code "tianchi-<Coupon_id>"}, its discount, valid
     * offline from the day received for {@value #VALID_DAYS} days (Shanghai time).
     */
    public Coupon toCoupon() {
        return Coupon.builder("tianchi-" + couponId, discount)
                .condition(CouponCondition.validDays(dateReceived, dateReceived.plusDays(VALID_DAYS - 1L), ZONE))
                .condition(CouponCondition.channelKind(ChannelKind.OFFLINE))
                .build();
    }
}
