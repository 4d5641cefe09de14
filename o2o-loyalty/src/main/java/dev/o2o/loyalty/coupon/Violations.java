package dev.o2o.loyalty.coupon;

/**
 * Where a {@link CouponCondition} reports its failures. A condition may report several.
 *
 * <p>Implementations are not thread-safe; each validation has its own.
 */
public interface Violations {

    /** Records a failed condition. */
    void add(ReasonCode code, String message);
}
