package dev.o2o.risk;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

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
        Objects.requireNonNull(name, "name");
        for (EventType t : values()) {
            if (t.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event type '" + name + "' (known: "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT) + ")");
    }
}
