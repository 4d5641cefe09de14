package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;

import java.util.Objects;
import java.util.Optional;

/**
 * The first outcome of a redemption key, a redemption or a refusal, with the code and customer of
 * the request that produced it. A store keeps one per key (one map entry, one table row), so a key
 * can never hold both a redemption and a refusal. {@link #replay} is the one place where a retry
 * is compared with the first request: {@link CouponService} and every built-in store use it.
 * Immutable and thread-safe.
 *
 * @param code       the code of the first request
 * @param customer   its customer
 * @param redemption the redemption, if the first request succeeded
 * @param refusal    why it was refused, if it was
 */
record FirstOutcome(String code, CustomerKey customer, Optional<Redemption> redemption, Optional<Violation> refusal) {

    FirstOutcome {
        Check.code(code, "code");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(redemption, "redemption");
        Objects.requireNonNull(refusal, "refusal");
        if (redemption.isPresent() == refusal.isPresent()) {
            throw new IllegalArgumentException("a first outcome is either a redemption or a refusal");
        }
    }

    static FirstOutcome of(Redemption r) {
        return new FirstOutcome(r.code(), r.customer(), Optional.of(r), Optional.empty());
    }

    static FirstOutcome refused(RedemptionRequest r, Violation why) {
        return new FirstOutcome(r.code(), r.customer(), Optional.empty(), Optional.of(why));
    }

    /** The outcome as the first caller saw it. */
    StoreOutcome fresh() {
        return new StoreOutcome(refusal, redemption, false);
    }

    /**
     * The answer to a request with the same key: this outcome again ({@code replayed}) if the
     * request is for the same code and customer, else KEY_CONFLICT (which is never recorded).
     */
    StoreOutcome replay(String requestCode, CustomerKey requestCustomer) {
        if (!code.equals(requestCode) || !customer.equals(requestCustomer)) {
            return StoreOutcome.fail(ReasonCode.KEY_CONFLICT, "the redemption key was used for another code or customer");
        }
        return new StoreOutcome(refusal, redemption, true);
    }

    /** {@link #replay(String, CustomerKey)} for a request. */
    StoreOutcome replay(RedemptionRequest r) {
        return replay(r.code(), r.customer());
    }
}
