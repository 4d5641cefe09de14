package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lot: the points of one EARN (or positive ADJUST) entry, spendable from {@code availableAt}
 * until {@code expiresAt}. Redemptions take points out of lots, reversals put them back, and the
 * expiry run takes out whatever is left at the expiry.
 *
 * <p>Immutable and thread-safe (a snapshot).
 *
 * @param id          the id of the entry that created the lot
 * @param account     the account
 * @param earned      points the lot was created with, positive
 * @param remaining   points still in the lot, between 0 and {@code earned}
 * @param earnedAt    when it was created
 * @param availableAt from when it can be spent (later than {@code earnedAt} for pending points)
 * @param expiresAt   when what is left expires; empty for points that never expire
 */
public record Lot(long id, CustomerKey account, long earned, long remaining, Instant earnedAt, Instant availableAt,
                  Optional<Instant> expiresAt) {

    public Lot {
        Objects.requireNonNull(account, "account");
        Checks.positive(earned, "earned");
        if (remaining < 0 || remaining > earned) {
            throw new IllegalArgumentException("remaining of lot " + id + " must be within 0.." + earned + ": "
                    + remaining);
        }
        Objects.requireNonNull(earnedAt, "earnedAt");
        Objects.requireNonNull(availableAt, "availableAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the lot can be spent at {@code now}: available and not yet expired. */
    public boolean spendableAt(Instant now) {
        return remaining > 0 && !availableAt.isAfter(now) && !expiredAt(now);
    }

    /** Whether the lot's expiry is at or before {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresAt.isPresent() && !expiresAt.get().isAfter(now);
    }
}
