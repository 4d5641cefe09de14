package dev.o2o.loyalty.points;

import dev.o2o.core.Ids;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to change an account's points. Every posting has an idempotency key
 * ({@code TYPE:sourceRef}): posting it again returns the first result and changes nothing.
 *
 * <p>Implementations are immutable and thread-safe records.
 */
public sealed interface Posting permits Posting.Earn, Posting.Redeem, Posting.Adjust, Posting.Reverse {

    /** The account. */
    String account();

    /** The business reference (order id, refund id, QR code, ...). */
    String sourceRef();

    /** The entry type this posting appends. */
    EntryType type();

    /** The idempotency key: {@code TYPE:sourceRef}. */
    default String key() {
        return key(type(), sourceRef());
    }

    /** The idempotency key of a posting of {@code type} for {@code sourceRef}. */
    static String key(EntryType type, String sourceRef) {
        return type.name() + ':' + sourceRef;
    }

    /** Earn points available at once. */
    static Earn earn(String account, long points, String sourceRef, Optional<Instant> expiresAt) {
        return new Earn(account, points, sourceRef, Optional.empty(), expiresAt, "");
    }

    /** Spend points. */
    static Redeem redeem(String account, long points, String sourceRef) {
        return new Redeem(account, points, sourceRef, "");
    }

    /** Reverse the whole of an earlier posting. */
    static Reverse reverse(String account, String originalKey, String sourceRef) {
        return new Reverse(account, originalKey, sourceRef, 1, 1, "");
    }

    /**
     * Earn points: creates a lot.
     *
     * @param account     the account
     * @param points      positive
     * @param sourceRef   business reference
     * @param availableAt when the points become spendable (pending until then); empty for at once
     * @param expiresAt   when they expire; empty for never; must be after the availability
     * @param note        free text, may be empty
     */
    record Earn(String account, long points, String sourceRef, Optional<Instant> availableAt,
                Optional<Instant> expiresAt, String note) implements Posting {
        public Earn {
            Ids.requireId(account, "account");
            Checks.positive(points, "points");
            Ids.requireId(sourceRef, "sourceRef");
            Objects.requireNonNull(availableAt, "availableAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(note, "note");
            if (availableAt.isPresent() && expiresAt.isPresent() && !expiresAt.get().isAfter(availableAt.get())) {
                throw new IllegalArgumentException("expiresAt " + expiresAt.get() + " of earning '" + sourceRef
                        + "' must be after availableAt " + availableAt.get());
            }
        }

        @Override
        public EntryType type() {
            return EntryType.EARN;
        }
    }

    /**
     * Spend points from the account's spendable lots, earliest expiry first.
     *
     * @param account   the account
     * @param points    positive
     * @param sourceRef business reference
     * @param note      free text, may be empty
     */
    record Redeem(String account, long points, String sourceRef, String note) implements Posting {
        public Redeem {
            Ids.requireId(account, "account");
            Checks.positive(points, "points");
            Ids.requireId(sourceRef, "sourceRef");
            Objects.requireNonNull(note, "note");
        }

        @Override
        public EntryType type() {
            return EntryType.REDEEM;
        }
    }

    /**
     * A manual correction. A positive one creates a lot (available at once, with an optional expiry);
     * a negative one takes points from any open lots, earliest expiry first.
     *
     * @param account   the account
     * @param points    non-zero signed change
     * @param sourceRef business reference (ticket id)
     * @param expiresAt expiry of the lot of a positive adjustment; must be empty for a negative one
     * @param note      the reason, required
     */
    record Adjust(String account, long points, String sourceRef, Optional<Instant> expiresAt, String note)
            implements Posting {
        public Adjust {
            Ids.requireId(account, "account");
            if (points == 0) {
                throw new IllegalArgumentException("points of adjustment '" + sourceRef + "' must not be zero");
            }
            Ids.requireId(sourceRef, "sourceRef");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (points < 0 && expiresAt.isPresent()) {
                throw new IllegalArgumentException("negative adjustment '" + sourceRef + "' cannot have an expiry");
            }
            Ids.requireId(note, "note of an adjustment");
        }

        @Override
        public EntryType type() {
            return EntryType.ADJUST;
        }
    }

    /**
     * Reverses an earlier EARN, REDEEM or ADJUST, wholly or in part. {@code numerator/denominator} is
     * the share of the original that is reversed <em>in total</em> after this posting (for a refund:
     * refunded so far / order total, both in minor units); the posting moves the difference to what
     * earlier reversals moved, rounded down. Reversing a redemption restores the points into exactly
     * the lots it consumed (latest expiry first when partial); reversing an earning removes them from
     * its lot, then from other lots, and records any shortfall rather than going negative.
     *
     * @param account     the account of the original
     * @param originalKey the idempotency key of the original posting
     * @param sourceRef   business reference of this reversal (refund id)
     * @param numerator   reversed share so far, 1..denominator
     * @param denominator positive
     * @param note        free text, may be empty
     */
    record Reverse(String account, String originalKey, String sourceRef, long numerator, long denominator,
                   String note) implements Posting {
        public Reverse {
            Ids.requireId(account, "account");
            Ids.requireId(originalKey, "originalKey");
            Ids.requireId(sourceRef, "sourceRef");
            Checks.positive(denominator, "denominator");
            if (numerator < 1 || numerator > denominator) {
                throw new IllegalArgumentException("numerator of reversal '" + sourceRef + "' must be within 1.."
                        + denominator + ": " + numerator);
            }
            Objects.requireNonNull(note, "note");
        }

        @Override
        public EntryType type() {
            return EntryType.REVERSE;
        }
    }
}
