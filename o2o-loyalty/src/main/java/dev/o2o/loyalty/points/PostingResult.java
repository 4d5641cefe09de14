package dev.o2o.loyalty.points;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a {@link Posting}: callers branch on {@link #status()}, not on exceptions.
 *
 * <p>A rejection (any status but {@code POSTED}, {@code REPLAYED}, {@code KEY_CONFLICT} and {@code RISK_DENIED}) is the first
 * outcome of its idempotency key: the ledger remembers it, and a retry with the same key returns the same
 * status and message and changes nothing.
 *
 * <p>Immutable and thread-safe.
 *
 * @param status  what happened
 * @param entry   the entry appended now ({@code POSTED}) or earlier ({@code REPLAYED}); empty otherwise
 * @param message a readable explanation for people
 */
public record PostingResult(Status status, Optional<LedgerEntry> entry, String message) {

    public PostingResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(message, "message");
        if (entry.isPresent() != (status == Status.POSTED || status == Status.REPLAYED)) {
            throw new IllegalArgumentException("a " + status + " result " + (entry.isPresent() ? "must not" : "must")
                    + " carry an entry");
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
    public boolean ok() {
        return status == Status.POSTED || status == Status.REPLAYED;
    }

    /** The balance change of the entry, 0 without one. */
    public long points() {
        return entry.map(LedgerEntry::points).orElse(0L);
    }

    static PostingResult posted(LedgerEntry e) {
        return new PostingResult(Status.POSTED, Optional.of(e), "posted");
    }

    static PostingResult replayed(LedgerEntry e) {
        return new PostingResult(Status.REPLAYED, Optional.of(e), "already posted as entry " + e.id());
    }

    static PostingResult rejected(Status status, String message) {
        return new PostingResult(status, Optional.empty(), message);
    }
}
