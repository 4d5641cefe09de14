package dev.o2o.loyalty.points;

import dev.o2o.core.Ids;
import dev.o2o.loyalty.internal.Apportion;
import java.util.List;
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
 * @param linePoints for a purchase, the points of the award that each order line earned (in the
 *               order's line order), not negative, summing to at most {@code points}; the rest is
 *               earned by the order as a whole (a first-purchase bonus). Empty when no part is
 *               earned by a line. A line-level refund takes back exactly these points.
 */
public record PointsAward(String ruleId, long points, Kind kind, String reason, List<Long> linePoints) {

    public PointsAward {
        Ids.requireId(ruleId, "ruleId");
        Checks.nonNegative(points, "points");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        linePoints = List.copyOf(Objects.requireNonNull(linePoints, "linePoints"));
        long sum = 0;
        for (long p : linePoints) {
            sum += Checks.nonNegative(p, "linePoints of rule '" + ruleId + "'");
        }
        if (sum > points) {
            throw new IllegalArgumentException("linePoints of rule '" + ruleId + "' add up to " + sum
                    + ", more than the award's " + points + " points");
        }
    }

    /** An award earned by the order (or event) as a whole, no part by a line. */
    public PointsAward(String ruleId, long points, Kind kind, String reason) {
        this(ruleId, points, kind, reason, List.of());
    }

    /** The points earned by lines ({@link #linePoints()} summed). */
    public long linePointsTotal() {
        long sum = 0;
        for (long p : linePoints) {
            sum += p;
        }
        return sum;
    }

    /** A copy cut to {@code allowed} points (by a cap), the lines' and the order's parts cut in proportion. */
    PointsAward cutTo(long allowed, String newReason) {
        if (linePoints.isEmpty()) {
            return new PointsAward(ruleId, allowed, kind, newReason);
        }
        long[] weights = new long[linePoints.size() + 1];
        for (int i = 0; i < linePoints.size(); i++) {
            weights[i] = linePoints.get(i);
        }
        weights[linePoints.size()] = points - linePointsTotal();
        long[] cut = allowed == 0 ? new long[weights.length] : Apportion.split(allowed, weights);
        Long[] lines = new Long[linePoints.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = cut[i];
        }
        return new PointsAward(ruleId, allowed, kind, newReason, List.of(lines));
    }

    /** Base points are what multipliers multiply; bonus points are added as they are. */
    public enum Kind {
        /** Points for spend; multiplier rules multiply the sum of base awards. */
        BASE,
        /** Fixed bonuses and the extra points of multipliers. */
        BONUS
    }
}
