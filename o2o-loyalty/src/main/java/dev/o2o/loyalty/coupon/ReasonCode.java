package dev.o2o.loyalty.coupon;

/**
 * Stable codes of why a coupon cannot be used. Callers branch on these; the names never change.
 *
 * <p>{@link #disclosable()} says whether a public-facing caller (a shopper typing a code) may
 * learn the reason. Undisclosed reasons are reported as {@link #NOT_FOUND} in public mode, so a
 * guesser cannot tell a wrong code from a code that exists but belongs to someone else, is not
 * yet active, or is used up.
 *
 * <p>Immutable and thread-safe.
 */
public enum ReasonCode {
    /** No such coupon or code (or, in public mode, a reason that is not disclosed). */
    NOT_FOUND(true),
    /** The code fails its check character: a typo, caught before any lookup. */
    INVALID_CODE(false),
    /** Before the start of the validity window. */
    NOT_ACTIVE_YET(false),
    /** After the end of the validity window. */
    EXPIRED(true),
    /** Outside the allowed days of week or hours. */
    OUTSIDE_HOURS(true),
    /** The order's channel is not allowed. */
    CHANNEL_NOT_ALLOWED(true),
    /** The store is not one of the coupon's stores. */
    STORE_NOT_ALLOWED(true),
    /** The customer is not within the geo-fence of an eligible store. */
    OUTSIDE_AREA(true),
    /** The eligible amount is below the coupon's minimum spend or threshold. */
    MIN_SPEND_NOT_REACHED(true),
    /** No line of the cart is eligible. */
    NO_ELIGIBLE_ITEMS(true),
    /** The customer's tier, tags or order history do not qualify. */
    CUSTOMER_NOT_ELIGIBLE(false),
    /** The customer has used the coupon as often as allowed. */
    PER_CUSTOMER_LIMIT(true),
    /** All units of the coupon are used. */
    QUANTITY_EXHAUSTED(true),
    /** The coupon's budget cannot cover this discount. */
    BUDGET_EXHAUSTED(true),
    /** This code has already been redeemed. */
    ALREADY_REDEEMED(false),
    /** This code is reserved for another order. */
    RESERVED(false),
    /** The cart's currency differs from the coupon's. */
    CURRENCY_MISMATCH(true),
    /** The coupon cannot be combined with the other coupons. */
    STACKING_NOT_ALLOWED(true),
    /** The idempotency key was already used for a different redemption. */
    KEY_CONFLICT(true),
    /** A redemption, reservation or code is in a state that does not allow the operation. */
    INVALID_STATE(true),
    /** A {@link dev.o2o.loyalty.guard.LoyaltyGuard} denied the operation; nothing was written. */
    RISK_DENIED(false),
    /** The code was voided ({@link CouponStore#voidCode}), for example after a confirmed abuse. */
    VOIDED(false),
    /** A failure of a user-defined condition. */
    OTHER(true);

    private final boolean disclosable;

    ReasonCode(boolean disclosable) {
        this.disclosable = disclosable;
    }

    /** Whether public-facing callers may see this code (otherwise they see {@link #NOT_FOUND}). */
    public boolean disclosable() {
        return disclosable;
    }
}
