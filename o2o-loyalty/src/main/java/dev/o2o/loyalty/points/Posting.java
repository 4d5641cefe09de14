package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to change an account's points. Every posting has an {@link IdempotencyKey} (its type and
 * source reference): posting it again returns the first result and changes nothing.
 *
 * <p>A posting takes effect at the ledger's clock, or at its own {@link #postedAt()} instant for
 * back-fills and replays (set with {@code at(instant)}): the ledger refuses an instant later than
 * its clock allows or older than its back-fill horizon ({@link BackfillLimits}). The posting is then
 * applied as of that instant (its entry's instant, the availability of an earning, which lots are
 * spendable) against the lots as they are now.
 *
 * <p>Limits, checked here so that they hold in every store before any store is called: ids (account,
 * source references) as {@link Ids#requireId} accepts them (at most {@value Ids#MAX_LENGTH}
 * characters, well-formed, no control characters); notes at most {@value #MAX_NOTE} characters,
 * without NUL, well-formed; points at most {@link #MAX_POINTS} in magnitude.
 *
 * <p>Implementations are immutable and thread-safe records.
 */
public sealed interface Posting permits Posting.Earn, Posting.Redeem, Posting.Adjust, Posting.Reverse {

    /** The account. */
    CustomerKey account();

    /** The business reference (order id, refund id, QR code, ...). */
    String sourceRef();

    /** The entry type this posting appends. */
    EntryType type();

    /** The longest note, in UTF-16 code units (the stores' {@code VARCHAR(500)}). */
    int MAX_NOTE = 500;

    /**
     * The most points one posting may move (10^12): far above any real earning or redemption, and small
     * enough that sums over an account's postings (balances, reversal shares, qualifying points) stay far
     * from overflowing a {@code long}. A larger value is a unit or input mistake and is refused.
     */
    long MAX_POINTS = 1_000_000_000_000L;

    /** The instant the posting takes effect, if not the ledger's clock (a back-fill or replay). */
    Optional<Instant> postedAt();

    /** A copy that takes effect at {@code instant} (a back-fill or replay), validated by the ledger. */
    Posting at(Instant instant);

    /** The idempotency key: the type and the source reference. */
    default IdempotencyKey key() {
        return new IdempotencyKey(type(), sourceRef());
    }

    /** Checks a note against the limits above. */
    static String checkNote(String note) {
        return Ids.requireText(note, "note", MAX_NOTE);
    }

    /** Earn points available at once. */
    static Earn earn(CustomerKey account, long points, String sourceRef, Optional<Instant> expiresAt) {
        return new Earn(account, points, sourceRef, Optional.empty(), expiresAt, "", Optional.empty());
    }

    /** Spend points. */
    static Redeem redeem(CustomerKey account, long points, String sourceRef) {
        return new Redeem(account, points, sourceRef, "", Optional.empty());
    }

    /** Reverse the whole of an earlier posting. */
    static Reverse reverse(CustomerKey account, IdempotencyKey original, String sourceRef) {
        return new Reverse(account, original, sourceRef, 1, 1, "", Optional.empty());
    }

    /**
     * Earn points: creates a lot.
     *
     * @param account     the account
     * @param points      positive, at most {@link #MAX_POINTS}
     * @param sourceRef   business reference
     * @param availableAt when the points become spendable (pending until then); empty for at once
     * @param expiresAt   when they expire; empty for never; must be after the availability
     * @param note        free text, may be empty
     * @param postedAt    when it takes effect, if not the ledger's clock (back-fill)
     */
    record Earn(CustomerKey account, long points, String sourceRef, Optional<Instant> availableAt,
                Optional<Instant> expiresAt, String note, Optional<Instant> postedAt) implements Posting {
        public Earn {
            Objects.requireNonNull(postedAt, "postedAt");
            Objects.requireNonNull(account, "account");
            Checks.postingPoints(points, "points");
            Ids.requireId(sourceRef, "sourceRef");
            Objects.requireNonNull(availableAt, "availableAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            checkNote(note);
            if (availableAt.isPresent() && expiresAt.isPresent() && !expiresAt.get().isAfter(availableAt.get())) {
                throw new IllegalArgumentException("expiresAt " + expiresAt.get() + " of earning " + Ids.describe(sourceRef)
                        + " must be after availableAt " + availableAt.get());
            }
        }

        /** An earning that takes effect at the ledger's clock. */
        public Earn(CustomerKey account, long points, String sourceRef, Optional<Instant> availableAt,
                    Optional<Instant> expiresAt, String note) {
            this(account, points, sourceRef, availableAt, expiresAt, note, Optional.empty());
        }

        @Override
        public Earn at(Instant instant) {
            return new Earn(account, points, sourceRef, availableAt, expiresAt, note, Optional.of(instant));
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
     * @param points    positive, at most {@link #MAX_POINTS}
     * @param sourceRef business reference
     * @param note      free text, may be empty
     * @param postedAt  when it takes effect, if not the ledger's clock (back-fill)
     */
    record Redeem(CustomerKey account, long points, String sourceRef, String note, Optional<Instant> postedAt)
            implements Posting {
        public Redeem {
            Objects.requireNonNull(postedAt, "postedAt");
            Objects.requireNonNull(account, "account");
            Checks.postingPoints(points, "points");
            Ids.requireId(sourceRef, "sourceRef");
            checkNote(note);
        }

        /** A redemption that takes effect at the ledger's clock. */
        public Redeem(CustomerKey account, long points, String sourceRef, String note) {
            this(account, points, sourceRef, note, Optional.empty());
        }

        @Override
        public Redeem at(Instant instant) {
            return new Redeem(account, points, sourceRef, note, Optional.of(instant));
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
     * @param points    non-zero signed change, at most {@link #MAX_POINTS} in magnitude
     * @param sourceRef business reference (ticket id)
     * @param expiresAt expiry of the lot of a positive adjustment; must be empty for a negative one
     * @param note      the reason, required
     * @param postedAt  when it takes effect, if not the ledger's clock (back-fill)
     */
    record Adjust(CustomerKey account, long points, String sourceRef, Optional<Instant> expiresAt, String note,
                  Optional<Instant> postedAt) implements Posting {
        public Adjust {
            Objects.requireNonNull(postedAt, "postedAt");
            Objects.requireNonNull(account, "account");
            if (points == 0) {
                throw new IllegalArgumentException("points of adjustment " + Ids.describe(sourceRef) + " must not be zero");
            }
            if (points < -MAX_POINTS || points > MAX_POINTS) {
                // -Long.MIN_VALUE overflows to itself: the ledger would take nothing and post an empty entry
                throw new IllegalArgumentException("points of adjustment " + Ids.describe(sourceRef) + " must be within -"
                        + MAX_POINTS + ".." + MAX_POINTS + ": " + points);
            }
            Ids.requireId(sourceRef, "sourceRef");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (points < 0 && expiresAt.isPresent()) {
                throw new IllegalArgumentException("negative adjustment " + Ids.describe(sourceRef) + " cannot have an expiry");
            }
            checkNote(note);
            if (note.isBlank()) {
                throw new IllegalArgumentException("note of adjustment must give the reason, not be blank");
            }
        }

        /** An adjustment that takes effect at the ledger's clock. */
        public Adjust(CustomerKey account, long points, String sourceRef, Optional<Instant> expiresAt, String note) {
            this(account, points, sourceRef, expiresAt, note, Optional.empty());
        }

        @Override
        public Adjust at(Instant instant) {
            return new Adjust(account, points, sourceRef, expiresAt, note, Optional.of(instant));
        }

        @Override
        public EntryType type() {
            return EntryType.ADJUST;
        }
    }

    /**
     * Reverses an earlier EARN, REDEEM or ADJUST, wholly or in part. {@code numerator/denominator} is
     * the share of the original that is reversed <em>in total</em> after this posting. For a refund of
     * an earning whose lines are known, use {@link LinePoints#reversal} (the points the refunded lines
     * earned over the points earned); only where the lines are unknown use refunded so far / amount
     * paid, both in minor units, which takes points back in proportion to money, whatever the
     * refunded lines earned; the posting moves the difference to what
     * earlier reversals moved, rounded down. Reversing a redemption restores the points into exactly
     * the lots it consumed (latest expiry first when partial); reversing an earning removes them from
     * its lot, then from other lots, and records any shortfall rather than going negative.
     *
     * @param account     the account of the original
     * @param original    the idempotency key of the original posting
     * @param sourceRef   business reference of this reversal (refund id)
     * @param numerator   reversed share so far, 1..denominator
     * @param denominator positive
     * @param note        free text, may be empty
     * @param postedAt    when it takes effect, if not the ledger's clock (back-fill); not before the original
     */
    record Reverse(CustomerKey account, IdempotencyKey original, String sourceRef, long numerator, long denominator,
                   String note, Optional<Instant> postedAt) implements Posting {
        public Reverse {
            Objects.requireNonNull(postedAt, "postedAt");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(original, "original");
            Ids.requireId(sourceRef, "sourceRef");
            Checks.positive(denominator, "denominator");
            if (numerator < 1 || numerator > denominator) {
                throw new IllegalArgumentException("numerator of reversal " + Ids.describe(sourceRef) + " must be within 1.."
                        + denominator + ": " + numerator);
            }
            checkNote(note);
        }

        /** A reversal that takes effect at the ledger's clock. */
        public Reverse(CustomerKey account, IdempotencyKey original, String sourceRef, long numerator, long denominator,
                       String note) {
            this(account, original, sourceRef, numerator, denominator, note, Optional.empty());
        }

        @Override
        public Reverse at(Instant instant) {
            return new Reverse(account, original, sourceRef, numerator, denominator, note, Optional.of(instant));
        }

        @Override
        public EntryType type() {
            return EntryType.REVERSE;
        }
    }
}
