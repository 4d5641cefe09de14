package dev.o2o.loyalty.coupon;

/** A storage failure (for example a lost database connection), not a business outcome. Safe to pass between threads once thrown. */
public class CouponStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message and its cause. */
    public CouponStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
