package dev.o2o.loyalty.coupon;

/** Whether a coupon combines with others. Immutable and thread-safe. */
public enum StackingGroup {
    /** Used alone: never combined with another coupon. */
    EXCLUSIVE,
    /** Combines with other stackable coupons, in priority order. */
    STACKABLE
}
