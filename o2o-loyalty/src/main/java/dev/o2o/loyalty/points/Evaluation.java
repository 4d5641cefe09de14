package dev.o2o.loyalty.points;

import dev.o2o.core.CustomerKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of evaluating a {@link RuleSet} for one event: every award with its reason, and the
 * total. {@link #explain()} answers "why did I get 37 points".
 *
 * <p>Immutable and thread-safe.
 *
 * @param event     the event
 * @param localDate the event's date in the member's zone
 * @param awards    awards in evaluation order (including zero awards cut by caps)
 * @param total     sum of the awards' points
 */
public record Evaluation(EarningEvent event, LocalDate localDate, List<PointsAward> awards, long total) {

    public Evaluation {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(localDate, "localDate");
        awards = List.copyOf(awards);
        long sum = 0;
        for (PointsAward a : awards) {
            sum = Math.addExact(sum, a.points());
        }
        if (sum != total) {
            throw new IllegalArgumentException("total " + total + " differs from the sum of awards " + sum);
        }
    }

    /** For example {@code "37 points for order:o-1: 30 (spend: 1 point per 1 CNY on 30.00 CNY) + 7 (...)"}. */
    public String explain() {
        StringBuilder sb = new StringBuilder();
        sb.append(total).append(total == 1 ? " point for " : " points for ").append(event.sourceRef());
        if (awards.isEmpty()) {
            return sb.append(": no rule applied").toString();
        }
        sb.append(": ");
        for (int i = 0; i < awards.size(); i++) {
            PointsAward a = awards.get(i);
            if (i > 0) {
                sb.append(" + ");
            }
            sb.append(a.points()).append(" (").append(a.ruleId()).append(": ").append(a.reason()).append(')');
        }
        return sb.toString();
    }

    /**
     * What each order line earned in this evaluation, to keep with the earning for refunds by line
     * ({@link LinePoints#reversal}): the awards' {@link PointsAward#linePoints()} added up per line; the
     * rest of the total is the order's. For an event other than a purchase, no lines and the whole
     * total the event's.
     */
    public LinePoints linePoints() {
        if (!(event instanceof EarningEvent.Purchase p)) {
            return new LinePoints(List.of(), List.of(), total);
        }
        int n = p.order().lines().size();
        long[] sums = new long[n];
        long byLines = 0;
        for (PointsAward a : awards) {
            for (int i = 0; i < a.linePoints().size(); i++) {
                sums[i] += a.linePoints().get(i);
                byLines += a.linePoints().get(i);
            }
        }
        Long[] points = new Long[n];
        Integer[] quantities = new Integer[n];
        for (int i = 0; i < n; i++) {
            points[i] = sums[i];
            quantities[i] = p.order().lines().get(i).quantity();
        }
        return new LinePoints(List.of(points), List.of(quantities), total - byLines);
    }

    /**
     * The ledger posting for this evaluation, if it awarded anything: one EARN of the total, keyed by
     * the event's {@link EarningEvent#ledgerRef ledger reference} for the account, so that
     * re-evaluating the same event cannot earn twice (and a shared QR code earns once per member).
     *
     * @param account     the ledger account
     * @param availableAt when the points become spendable (pending until then); empty for at once
     * @param expiresAt   when they expire; empty for never
     */
    public Optional<Posting.Earn> toEarn(CustomerKey account, Optional<Instant> availableAt, Optional<Instant> expiresAt) {
        if (total == 0) {
            return Optional.empty();
        }
        return Optional.of(new Posting.Earn(account, total, event.ledgerRef(account), availableAt, expiresAt, explain()
                .length() > 500 ? explain().substring(0, 500) : explain()));
    }
}
