package dev.o2o.risk;

/**
 * What happened in a {@link RiskEvent}; velocity rules select the types they count.
 *
 * <p>Immutable and thread-safe.
 */
public enum EventType {
    /** A coupon code redeemed (online or at a counter). */
    COUPON_REDEMPTION,
    /** A code verified at a store counter. */
    STORE_VERIFICATION,
    /** A coupon claimed or issued to an account. */
    COUPON_CLAIM,
    /** Points earned. */
    POINTS_EARN,
    /** Points spent. */
    POINTS_REDEEM,
    /** A manual points adjustment. */
    POINTS_ADJUST,
    /** A points reversal (refund). */
    POINTS_REVERSE,
    /** An account registered. */
    SIGN_UP,
    /** A referral rewarded. */
    REFERRAL;

    /**
     * The type named {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the known names if there is none
     */
    public static EventType parse(String name) {
        return EnumNames.parse(values(), name, "event type");
    }
}
