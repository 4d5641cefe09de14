package dev.o2o.loyalty.points;

import java.time.Instant;
import java.util.Objects;

/**
 * One contribution to a member's tier qualification: points earned (not the balance: spending and
 * expiry do not lower it; reversals of earnings do, as negative activity) and spend.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at         when
 * @param points     qualifying points earned (negative for a reversal)
 * @param spendMinor qualifying spend in minor units (negative for a refund)
 */
public record QualifyingActivity(Instant at, long points, long spendMinor) {

    public QualifyingActivity {
        Objects.requireNonNull(at, "at");
    }
}
