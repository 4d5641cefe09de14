package dev.o2o.loyalty.points;

import dev.o2o.core.Ids;
import java.util.Objects;

/**
 * Points granted by one rule, with the reason in words.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ruleId the rule
 * @param points whole points, not negative (0 when a cap took everything)
 * @param kind   whether multipliers apply to it
 * @param reason readable explanation, for example {@code "1 point per 1 CNY on 37.00 CNY"}
 */
public record PointsAward(String ruleId, long points, Kind kind, String reason) {

    public PointsAward {
        Ids.requireId(ruleId, "ruleId");
        Checks.nonNegative(points, "points");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /** Base points are what multipliers multiply; bonus points are added as they are. */
    public enum Kind {
        /** Points for spend; multiplier rules multiply the sum of base awards. */
        BASE,
        /** Fixed bonuses and the extra points of multipliers. */
        BONUS
    }
}
