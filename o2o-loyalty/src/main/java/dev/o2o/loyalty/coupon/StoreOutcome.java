package dev.o2o.loyalty.coupon;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a store operation (reserve, release, redeem, roll back): success, perhaps with
 * the redemption, or a failure with its reason.
 *
 * <p>Immutable and thread-safe.
 *
 * @param failure    the reason, if it failed
 * @param redemption the redemption concerned, if any
 * @param replayed   true if this repeats the first outcome of the same idempotency key
 */
public record StoreOutcome(Optional<Violation> failure, Optional<Redemption> redemption, boolean replayed) {

    public StoreOutcome {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(redemption, "redemption");
    }

    static final StoreOutcome OK = new StoreOutcome(Optional.empty(), Optional.empty(), false);
    static final StoreOutcome OK_REPLAYED = new StoreOutcome(Optional.empty(), Optional.empty(), true);

    static StoreOutcome ok(Redemption r, boolean replayed) {
        return new StoreOutcome(Optional.empty(), Optional.of(r), replayed);
    }

    static StoreOutcome fail(ReasonCode code, String message) {
        return new StoreOutcome(Optional.of(new Violation(code, message)), Optional.empty(), false);
    }

    /** True if the operation succeeded. */
    public boolean isSuccess() {
        return failure.isEmpty();
    }

    /** The failure code, if any. */
    public Optional<ReasonCode> code() {
        return failure.map(Violation::code);
    }
}
