package dev.o2o.loyalty.points;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a {@link Posting}: callers branch on {@link #status()}, not on exceptions.
 *
 * <p><b>The outcome style of every store operation</b> (the same for {@link PostingResult} in the
 * points ledger and {@code dev.o2o.loyalty.coupon.StoreOutcome} in the coupon store): a business
 * outcome that a caller branches on (not enough points, a code already redeemed, a key used for
 * another account) is a returned value, never an exception, with the same accessors:
 * {@link #isSuccess()} (it took effect, now or earlier), {@link #replayed()} (this repeats the first
 * outcome of the same idempotency key, a success or a refusal, and nothing changed),
 * {@link #reason()} (the stable code of a refusal, empty on success), {@link #message()} (a readable
 * explanation for people) and the record written ({@link #entry()}; the coupon store's
 * {@code redemption()}). Storage failures (the database is down, a COMMIT whose outcome is unknown)
 * are thrown as unchecked exceptions, because no caller can branch on them except by retrying.
 *
 * <p>A rejection (any status but {@code POSTED}, {@code REPLAYED}, {@code KEY_CONFLICT} and {@code RISK_DENIED}) is the first
 * outcome of its idempotency key: the ledger remembers it, and a retry with the same key returns the same
 * status and message and changes nothing.
 *
 * <p>Immutable and thread-safe.
 *
 * @param status  what happened
 * @param entry   the entry appended now ({@code POSTED}) or earlier ({@code REPLAYED}); empty otherwise
 * @param message  a readable explanation for people
 * @param replayed true if this repeats the first outcome of the posting's idempotency key: a
 *                 {@code REPLAYED} success, or a remembered rejection returned again
 */
public record PostingResult(Status status, Optional<LedgerEntry> entry, String message, boolean replayed) {

    public PostingResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(message, "message");
        if (entry.isPresent() != (status == Status.POSTED || status == Status.REPLAYED)) {
            throw new IllegalArgumentException("a " + status + " result " + (entry.isPresent() ? "must not" : "must")
                    + " carry an entry");
        }
        // POSTED is new and REPLAYED a replay by definition; KEY_CONFLICT and RISK_DENIED are never
        // remembered, so never replayed; a remembered rejection may be either
        boolean fixed = status == Status.POSTED || status == Status.REPLAYED || status == Status.KEY_CONFLICT
                || status == Status.RISK_DENIED;
        if (fixed && replayed != (status == Status.REPLAYED)) {
            throw new IllegalArgumentException("a " + status + " result " + (replayed ? "cannot" : "must")
                    + " be a replay");
        }
    }

    /** What happened to a posting. */
    public enum Status {
        /** Appended now. */
        POSTED,
        /** The key was posted before; the first entry is returned and nothing changed. */
        REPLAYED,
        /**
         * Not enough spendable points; nothing changed. Like every rejection except {@link #KEY_CONFLICT},
         * it is remembered by key: a retry with the same key returns it again, even if points arrived since.
         */
        INSUFFICIENT_POINTS,
        /** The posting to reverse does not exist on this account. */
        ORIGINAL_NOT_FOUND,
        /** The original cannot be reversed (an EXPIRE or a REVERSE). */
        NOT_REVERSIBLE,
        /** Earlier reversals already cover the requested share; nothing changed. */
        NOTHING_TO_REVERSE,
        /** The key exists for a different account; nothing changed. */
        KEY_CONFLICT,
        /**
         * A {@link dev.o2o.loyalty.guard.LoyaltyGuard} denied the posting; nothing changed. Unlike the
         * other rejections it is not remembered by key: a retry asks the guard again.
         */
        RISK_DENIED
    }

    /** Whether the posting is (now or earlier) in the ledger. */
    public boolean isSuccess() {
        return status == Status.POSTED || status == Status.REPLAYED;
    }

    /** Why the posting was refused; empty on success. */
    public Optional<Status> reason() {
        return isSuccess() ? Optional.empty() : Optional.of(status);
    }

    /** The balance change of the entry, 0 without one. */
    public long points() {
        return entry.map(LedgerEntry::points).orElse(0L);
    }

    static PostingResult posted(LedgerEntry e) {
        return new PostingResult(Status.POSTED, Optional.of(e), "posted", false);
    }

    static PostingResult replayed(LedgerEntry e) {
        return new PostingResult(Status.REPLAYED, Optional.of(e), "already posted as entry " + e.id(), true);
    }

    static PostingResult rejected(Status status, String message) {
        return new PostingResult(status, Optional.empty(), message, false);
    }

    /** A remembered rejection returned again for the same key. */
    static PostingResult rejectedAgain(Status status, String message) {
        return new PostingResult(status, Optional.empty(), message, true);
    }
}
