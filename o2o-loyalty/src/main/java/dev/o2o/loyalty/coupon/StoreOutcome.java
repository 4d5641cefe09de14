package dev.o2o.loyalty.coupon;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a store operation (reserve, release, redeem, roll back): success, perhaps with
 * the redemption, or a failure with its reason.
 *
 * <p><b>The outcome style of every store operation</b> (the same for {@code dev.o2o.loyalty.points.PostingResult} in
 * the points ledger and {@link StoreOutcome} in the coupon store): a business
 * outcome that a caller branches on (not enough points, a code already redeemed, a key used for
 * another account) is a returned value, never an exception, with the same accessors:
 * {@link #isSuccess()} (it took effect, now or earlier), {@link #replayed()} (this repeats the first
 * outcome of the same idempotency key, a success or a refusal, and nothing changed),
 * {@link #reason()} (the stable code of a refusal, empty on success), {@link #message()} (a readable
 * explanation for people) and the record written ({@link #redemption()}; the ledger's
 * {@code entry()}). Storage failures (the database is down, a COMMIT whose outcome is unknown)
 * are thrown as unchecked exceptions, because no caller can branch on them except by retrying.
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

    /** Why the operation was refused; empty on success. */
    public Optional<ReasonCode> reason() {
        return failure.map(Violation::code);
    }

    /** A readable explanation for people: the failure's message, or what succeeded. */
    public String message() {
        return failure.map(Violation::message).orElse(replayed ? "done before under this key" : "done");
    }
}
