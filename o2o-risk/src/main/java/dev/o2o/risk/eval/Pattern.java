package dev.o2o.risk.eval;

/**
 * The abuse patterns {@link AbuseSimulation} injects.
 *
 * <p>Immutable and thread-safe.
 */
public enum Pattern {
    /** One device, many fresh accounts, each redeeming the new-user coupon. */
    DEVICE_FARM,
    /** One account claiming and redeeming in a burst of minutes. */
    BOT_BURST,
    /** One account earning points on orders it then refunds, again and again. */
    REFUND_CHURN,
    /** One clerk verifying many codes of customers who never came, in an evening. */
    CLERK_FRAUD,
    /** A ring of accounts on a few devices referring each other. */
    REFERRAL_RING
}
