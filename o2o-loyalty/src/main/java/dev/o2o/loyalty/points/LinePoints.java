package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Ids;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What each line of an order earned, as the rule set computed it ({@link Evaluation#linePoints()}):
 * the record a host keeps with the earning so that a refund of some lines takes back exactly what
 * those lines earned. Returning an excluded gift box takes back nothing; returning the latte takes
 * back the latte's base points and their multiplied extra.
 *
 * <p>Points earned by the order as a whole ({@code orderPoints}: a first-purchase bonus, a custom
 * rule's award without lines) are taken back with the last unit, when every line is refunded. Where
 * the lines are not known (an order imported without them), reverse in proportion to the amount
 * refunded with {@link Posting.Reverse} instead.
 *
 * <p>Immutable and thread-safe.
 *
 * @param points      points earned by each line, in the order's line order, not negative
 * @param quantities  units of each line, at least 1 (a partial refund of a line takes back its share)
 * @param orderPoints points earned by the order as a whole, not negative
 */
public record LinePoints(List<Long> points, List<Integer> quantities, long orderPoints) {

    public LinePoints {
        points = List.copyOf(Objects.requireNonNull(points, "points"));
        quantities = List.copyOf(Objects.requireNonNull(quantities, "quantities"));
        if (points.size() != quantities.size()) {
            throw new IllegalArgumentException("points has " + points.size() + " lines, quantities "
                    + quantities.size());
        }
        for (int i = 0; i < points.size(); i++) {
            Checks.nonNegative(points.get(i), "points of line " + i);
            if (quantities.get(i) < 1) {
                throw new IllegalArgumentException("quantity of line " + i + " must be at least 1: " + quantities.get(i));
            }
        }
        Checks.nonNegative(orderPoints, "orderPoints");
    }

    /** Every point of the earning: the lines' and the order's. */
    public long total() {
        long sum = orderPoints;
        for (long p : points) {
            sum = Math.addExact(sum, p);
        }
        return sum;
    }

    /**
     * The points to take back once {@code refundedUnits} units of each line have been refunded in all
     * (this refund and the earlier ones together): for each line its points times the refunded share
     * of its units, rounded down, plus the order's points when every unit of every line is refunded.
     *
     * @param refundedUnits units refunded so far per line, in the order's line order, 0..quantity
     */
    public long pointsFor(List<Integer> refundedUnits) {
        Objects.requireNonNull(refundedUnits, "refundedUnits");
        if (refundedUnits.size() != points.size()) {
            throw new IllegalArgumentException("refundedUnits has " + refundedUnits.size() + " lines, the order "
                    + points.size());
        }
        long sum = 0;
        boolean all = true;
        for (int i = 0; i < points.size(); i++) {
            int units = Objects.requireNonNull(refundedUnits.get(i), "refundedUnits[" + i + "]");
            int quantity = quantities.get(i);
            if (units < 0 || units > quantity) {
                throw new IllegalArgumentException("refundedUnits of line " + i + " must be within 0.." + quantity
                        + ": " + units);
            }
            all &= units == quantity;
            sum += BigInteger.valueOf(points.get(i)).multiply(BigInteger.valueOf(units))
                    .divide(BigInteger.valueOf(quantity)).longValueExact();
        }
        return all ? sum + orderPoints : sum;
    }

    /**
     * The reversal of the earning {@code original} after {@code refundedUnits} units of each line have
     * been refunded in all, or empty when the refunded lines earned nothing (nothing to take back). The
     * reversal's share is {@link #pointsFor} of {@link #total()}, so on an earning of {@code total()}
     * points the ledger takes back exactly the refunded lines' points, less what earlier reversals of
     * the same earning took.
     *
     * @param account       the account of the earning
     * @param original      the earning's idempotency key
     * @param sourceRef     the refund's reference
     * @param refundedUnits units refunded so far per line, in the order's line order
     */
    public Optional<Posting.Reverse> reversal(CustomerKey account, IdempotencyKey original, String sourceRef,
                                              List<Integer> refundedUnits) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(original, "original");
        Ids.requireId(sourceRef, "sourceRef");
        long back = pointsFor(refundedUnits);
        if (back == 0) {
            return Optional.empty();
        }
        return Optional.of(new Posting.Reverse(account, original, sourceRef, back, total(),
                "refund of lines: " + back + " of " + total() + " points"));
    }
}
