package dev.o2o.loyalty.coupon;

import dev.o2o.core.CustomerKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The first outcome of a redemption key whose redemption was refused, kept so that a retry with the
 * same key is refused alike even after the limits or the code changed. Immutable and thread-safe.
 *
 * @param code      the code of the refused request
 * @param customer  its customer
 * @param violation why it was refused
 */
record Refusal(String code, CustomerKey customer, Violation violation) {

    Refusal {
        Check.id(code, "code");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(violation, "violation");
    }

    /** Whether a fresh failure is the first outcome of its key and must be remembered. */
    static boolean remembered(StoreOutcome o) {
        return !o.isSuccess() && !o.replayed() && o.code().orElseThrow() != ReasonCode.KEY_CONFLICT;
    }

    /** A fresh failure that a store must remember, for {@link CouponStore#refuse}. */
    static StoreOutcome toRemember(RedemptionRequest r, Violation violation) {
        Objects.requireNonNull(r, "request");
        Objects.requireNonNull(violation, "violation");
        if (violation.code() == ReasonCode.KEY_CONFLICT) {
            throw new IllegalArgumentException("refusal of redemption '" + r.key() + "' cannot be KEY_CONFLICT");
        }
        return new StoreOutcome(Optional.of(violation), Optional.empty(), false);
    }

    static Refusal of(RedemptionRequest r, StoreOutcome failure) {
        return new Refusal(r.code(), r.customer(), failure.failure().orElseThrow());
    }

    /** The outcome of a retry: the first refusal again, or KEY_CONFLICT for a request about another code. */
    StoreOutcome replay(RedemptionRequest r) {
        if (!code.equals(r.code()) || !customer.equals(r.customer())) {
            return StoreOutcome.fail(ReasonCode.KEY_CONFLICT, "redemption key " + r.key() + " was used for another code");
        }
        return new StoreOutcome(Optional.of(violation), Optional.empty(), true);
    }
}
