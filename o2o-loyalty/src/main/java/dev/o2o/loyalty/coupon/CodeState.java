package dev.o2o.loyalty.coupon;

/** The state of an issued code. A reservation past its deadline counts as {@link #ISSUED}. Immutable and thread-safe. */
public enum CodeState {
    /** Issued to a customer, free to use. */
    ISSUED,
    /** Held for one order until a deadline. */
    RESERVED,
    /** Used; a rollback (refund) returns it to {@link #ISSUED}. */
    REDEEMED,
    /** Voided ({@link CouponStore#voidCode}), for example after a confirmed abuse: it can no longer be used. */
    VOIDED
}
