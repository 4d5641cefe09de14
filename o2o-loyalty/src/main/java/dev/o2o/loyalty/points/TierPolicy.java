package dev.o2o.loyalty.points;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Tier rules: tiers by qualifying points (earned, never the spendable balance) or by spend over a
 * rolling window (12 months by default); upgrade at once when a threshold is crossed; downgrade only at a
 * review, either one tier at a time or straight to the tier the window supports.
 *
 * <p>Windows are half-open, {@code [start, end)}, here and in
 * {@link PointsLedger#qualifyingPoints(dev.o2o.core.CustomerKey, Instant, Instant)}: activity at the start counts, activity at
 * the end does not, so consecutive windows never count one activity twice and a review at midnight counts
 * the days before it. Activity posted at the very instant of {@code asOf} belongs to the next window.
 *
 * <p>The window is counted on the member's calendar, in the member's time zone ({@link Member#zone()}),
 * like birthdays and member days: it starts at the same local date and time one window earlier. Months
 * have different lengths and zones change their offsets, so the start can differ from the one counted in
 * UTC, by a day next to a month end or by an hour across a daylight saving change.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tiers     tiers by strictly increasing threshold; the first has threshold 0
 * @param basis     what qualifies
 * @param window    the rolling window, positive
 * @param downgrade how far a review may drop a member
 */
public record TierPolicy(List<Tier> tiers, Basis basis, Period window, Downgrade downgrade) {

    /** What counts towards tiers. */
    public enum Basis {
        /** Points earned in the window (reversed earnings subtracted). */
        POINTS,
        /** Spend in the window, in minor units. */
        SPEND
    }

    /** How a review lowers a tier. */
    public enum Downgrade {
        /** One tier down per review at most. */
        ONE_TIER,
        /** Straight to the tier the window supports. */
        TO_SUPPORTED
    }

    public TierPolicy {
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("tiers must not be empty");
        }
        if (tiers.get(0).threshold() != 0) {
            throw new IllegalArgumentException("the first tier '" + tiers.get(0).id() + "' must have threshold 0: "
                    + tiers.get(0).threshold());
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < tiers.size(); i++) {
            if (!ids.add(tiers.get(i).id())) {
                throw new IllegalArgumentException("tier id '" + tiers.get(i).id() + "' is used twice");
            }
            if (i > 0 && tiers.get(i).threshold() <= tiers.get(i - 1).threshold()) {
                throw new IllegalArgumentException("threshold of tier '" + tiers.get(i).id()
                        + "' must be greater than that of '" + tiers.get(i - 1).id() + "'");
            }
        }
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        Objects.requireNonNull(downgrade, "downgrade");
    }

    /** Points-based tiers over 12 months, downgrading one tier per review. */
    public static TierPolicy byPoints(List<Tier> tiers) {
        return new TierPolicy(tiers, Basis.POINTS, Period.ofMonths(12), Downgrade.ONE_TIER);
    }

    /** The tier with this id. */
    public Tier tier(String id) {
        for (Tier t : tiers) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tier id '" + id + "'");
    }

    /** The lowest tier. */
    public Tier lowest() {
        return tiers.get(0);
    }

    /** The highest tier whose threshold the value reaches. */
    public Tier supportedBy(long qualifying) {
        Tier best = tiers.get(0);
        for (Tier t : tiers) {
            if (qualifying >= t.threshold()) {
                best = t;
            }
        }
        return best;
    }

    /**
     * The start (inclusive) of the window ending (exclusive) at {@code asOf}: the local date and time of {@code asOf}
     * in {@code zone} less the window (a day of month past the end of the earlier month becomes its last
     * day; a local time in a daylight saving gap or overlap resolves as {@link java.time.ZonedDateTime#minus}
     * does).
     *
     * @param asOf the end of the window
     * @param zone the member's time zone
     */
    public Instant windowStart(Instant asOf, ZoneId zone) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(zone, "zone");
        return asOf.atZone(zone).minus(window).toInstant();
    }

    /**
     * The qualifying value (by the basis) of activity in {@code [windowStart(asOf, zone), asOf)}, at least 0:
     * the same entries as {@code ledger.qualifyingPoints(account, windowStart(asOf, zone), asOf)}.
     *
     * @param activity the member's qualifying activity, in any order
     * @param asOf     the end of the window
     * @param zone     the member's time zone
     */
    public long qualifyingValue(List<QualifyingActivity> activity, Instant asOf, ZoneId zone) {
        Instant start = windowStart(asOf, zone);
        long sum = 0;
        for (QualifyingActivity a : activity) {
            if (!a.at().isBefore(start) && a.at().isBefore(asOf)) {
                sum = Math.addExact(sum, basis == Basis.POINTS ? a.points() : a.spendMinor());
            }
        }
        return Math.max(0, sum);
    }

    /** An upgrade at once if {@code qualifying} reaches a higher tier than {@code current}. */
    public Optional<TierChange> upgrade(String member, String current, long qualifying, Instant at) {
        Tier now = tier(current);
        Tier supported = supportedBy(qualifying);
        if (supported.threshold() <= now.threshold()) {
            return Optional.empty();
        }
        return Optional.of(new TierChange(member, now.id(), supported.id(), at, TierChange.Reason.THRESHOLD_REACHED,
                qualifying, unit(qualifying) + " in the window reach the threshold " + unit(supported.threshold())
                        + " of " + supported.id()));
    }

    /**
     * The review: a downgrade if the window no longer supports {@code current} (one tier or to the
     * supported tier, by the policy), an upgrade if it supports more, nothing otherwise.
     */
    public Optional<TierChange> review(String member, String current, long qualifying, Instant at) {
        Tier now = tier(current);
        Tier supported = supportedBy(qualifying);
        if (supported.threshold() >= now.threshold()) {
            return upgrade(member, current, qualifying, at);
        }
        Tier to = supported;
        if (downgrade == Downgrade.ONE_TIER) {
            to = tiers.get(tiers.indexOf(now) - 1);
        }
        return Optional.of(new TierChange(member, now.id(), to.id(), at, TierChange.Reason.REVIEW_DOWNGRADE,
                qualifying, unit(qualifying) + " in the window are below the threshold " + unit(now.threshold())
                        + " of " + now.id() + (downgrade == Downgrade.ONE_TIER ? "; down one tier" : "; down to "
                        + to.id())));
    }

    private String unit(long v) {
        return basis == Basis.POINTS ? v + " points" : v + " minor units of spend";
    }
}
