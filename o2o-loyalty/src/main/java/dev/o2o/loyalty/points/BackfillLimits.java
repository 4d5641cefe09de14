package dev.o2o.loyalty.points;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far a posting's own instant ({@link Posting#postedAt()}, for back-fills and replays) may lie
 * from the ledger's clock: at most {@code maxSkew} after it (clocks of tills and servers differ a
 * little; a posting from the future is an error) and at most {@code horizon} before it (older
 * history is imported with adjustments, not replayed, so that expired lots and closed tier windows
 * are not reopened without anyone noticing).
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxSkew how far after the clock an instant may be, not negative
 * @param horizon how far before the clock an instant may be, positive
 */
public record BackfillLimits(Duration maxSkew, Duration horizon) {

    /** The default skew: 5 minutes. */
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(5);

    /** The default back-fill horizon: 90 days. */
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(90);

    public BackfillLimits {
        Objects.requireNonNull(maxSkew, "maxSkew");
        Objects.requireNonNull(horizon, "horizon");
        if (maxSkew.isNegative()) {
            throw new IllegalArgumentException("maxSkew must not be negative: " + maxSkew);
        }
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("horizon must be positive: " + horizon);
        }
    }

    /** 5 minutes of skew, 90 days of horizon. */
    public static BackfillLimits defaults() {
        return new BackfillLimits(DEFAULT_MAX_SKEW, DEFAULT_HORIZON);
    }

    /**
     * {@code at}, if it lies within the limits around {@code now}.
     *
     * @throws IllegalArgumentException naming the posting, the instant and the limit it breaks
     */
    Instant check(Instant at, Instant now, Posting p) {
        if (at.isAfter(now.plus(maxSkew))) {
            throw new IllegalArgumentException("postedAt " + at + " of " + p.key().masked() + " is more than "
                    + maxSkew + " after the clock's " + now);
        }
        if (at.isBefore(now.minus(horizon))) {
            throw new IllegalArgumentException("postedAt " + at + " of " + p.key().masked() + " is more than "
                    + horizon + " before the clock's " + now + " (the back-fill horizon)");
        }
        return at;
    }
}
