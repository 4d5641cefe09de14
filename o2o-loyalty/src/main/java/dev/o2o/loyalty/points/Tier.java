package dev.o2o.loyalty.points;

import dev.o2o.core.Ids;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A membership tier.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id         stable id, for example {@code "gold"}
 * @param threshold  qualifying value needed (points, or spend in minor units), not negative
 * @param multiplier earning multiplier of members in the tier, at least 1
 */
public record Tier(String id, long threshold, BigDecimal multiplier) {

    public Tier {
        Ids.requireId(id, "tier id");
        Checks.nonNegative(threshold, "threshold of tier '" + id + "'");
        Objects.requireNonNull(multiplier, "multiplier");
        if (multiplier.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("multiplier of tier '" + id + "' must be at least 1: "
                    + multiplier.toPlainString());
        }
    }
}
