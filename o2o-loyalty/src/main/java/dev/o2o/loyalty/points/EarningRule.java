package dev.o2o.loyalty.points;

import dev.o2o.core.Ids;
import dev.o2o.core.Money;
import dev.o2o.core.Store;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An earning rule: given a member's context and an event, the points it grants, each award with the
 * rule id and a reason in words. Rules are combined, ordered and capped by a {@link RuleSet}.
 *
 * <p>Multiplier rules (channel, store, birthday month, member day, tier) grant the extra points of
 * their factor on the base points awarded by earlier rules of the set, so several multipliers add up
 * (double points plus double points is triple points), and are rounded down. Their extra points are
 * earned by the order's lines like the base points they multiply, so a line-level refund takes back
 * a line's base and its multiplied extra together.
 *
 * <p>Spend rules earn on what was paid by default ({@link SpendBase#PAID}); the factories taking a
 * {@link SpendBase} choose the list amount instead. Fixed bonuses (first purchase, QR, check-in,
 * referral) are earned by the order or event as a whole.
 *
 * <p>Implementations must be immutable and thread-safe; the built-ins are.
 */
public interface EarningRule {

    /** Stable id, used in awards, caps and explanations. */
    String id();

    /** The awards for this context; empty when the rule does not apply. */
    List<PointsAward> evaluate(EarningContext context);

    /** A rule from a function, for custom logic. */
    static EarningRule of(String id, Function<EarningContext, List<PointsAward>> body) {
        return new Rules.Custom(Ids.requireId(id, "rule id"), Objects.requireNonNull(body, "body"));
    }

    /** {@code rule} only when {@code condition} holds (for example a profile tag). */
    static EarningRule when(Predicate<EarningContext> condition, EarningRule rule) {
        return new Rules.When(Objects.requireNonNull(condition, "condition"), Objects.requireNonNull(rule, "rule"));
    }

    /**
     * Base points: {@code points} per {@code per} paid ({@link SpendBase#PAID}, the default: after line
     * and order discounts), rounded down, no minimum, no exclusions.
     */
    static EarningRule pointsPerAmount(String id, long points, Money per) {
        return pointsPerAmount(id, points, per, SpendBase.PAID);
    }

    /** Base points: {@code points} per {@code per} of the chosen base, rounded down, no minimum, no exclusions. */
    static EarningRule pointsPerAmount(String id, long points, Money per, SpendBase base) {
        return pointsPerAmount(id, points, per, RoundingMode.FLOOR, Money.zero(per.currency()), Set.of(), Set.of(),
                base);
    }

    /**
     * Base points for a purchase: {@code points} per {@code per} paid ({@link SpendBase#PAID}) on lines
     * that are not excluded, rounded with {@code rounding}, if the order's paid amount reaches
     * {@code minimumOrder}. Orders in another currency than {@code per} get a zero award saying so.
     *
     * @param id                 rule id
     * @param points             points per {@code per}, positive
     * @param per                the spend that earns {@code points}, positive
     * @param rounding           how fractional points are rounded (FLOOR is usual)
     * @param minimumOrder       the order total needed, same currency as {@code per}
     * @param excludedSkus       SKUs that earn nothing
     * @param excludedCategories categories that earn nothing
     */
    static EarningRule pointsPerAmount(String id, long points, Money per, RoundingMode rounding, Money minimumOrder,
                                       Set<String> excludedSkus, Set<String> excludedCategories) {
        return pointsPerAmount(id, points, per, rounding, minimumOrder, excludedSkus, excludedCategories,
                SpendBase.PAID);
    }

    /**
     * As {@link #pointsPerAmount(String, long, Money, RoundingMode, Money, Set, Set)} on the chosen base
     * (the minimum is compared with the order's amount on that base too). The award says, line by line,
     * what each line earned ({@link PointsAward#linePoints()}): in proportion to its amount, excluded
     * lines nothing.
     */
    static EarningRule pointsPerAmount(String id, long points, Money per, RoundingMode rounding, Money minimumOrder,
                                       Set<String> excludedSkus, Set<String> excludedCategories, SpendBase base) {
        return new Rules.PerAmount(id, points, per, rounding, minimumOrder, excludedSkus, excludedCategories, base);
    }

    /** Extra points: base points times {@code factor - 1} for purchases on channel {@code channelId}. */
    static EarningRule channelMultiplier(String id, String channelId, BigDecimal factor) {
        Ids.requireId(channelId, "channelId");
        return new Rules.Multiplier(id, factor, "channel " + channelId,
                c -> c.event() instanceof EarningEvent.Purchase p && p.order().channel().id().equals(channelId));
    }

    /** Extra points: base points times {@code factor - 1} for purchases or scans at store {@code storeId}. */
    static EarningRule storeMultiplier(String id, String storeId, BigDecimal factor) {
        Ids.requireId(storeId, "storeId");
        return new Rules.Multiplier(id, factor, "store " + storeId, c -> storeId.equals(Rules.storeOf(c.event())));
    }

    /** Extra points in the member's birthday month, in the member's time zone. */
    static EarningRule birthdayMonthMultiplier(String id, BigDecimal factor) {
        return new Rules.Multiplier(id, factor, "birthday month",
                c -> c.member().birthday().isPresent()
                        && c.member().birthday().get().getMonth() == c.localDate().getMonth());
    }

    /** Extra points on a weekday (member day), in the member's time zone. */
    static EarningRule memberDay(String id, DayOfWeek day, BigDecimal factor) {
        Objects.requireNonNull(day, "day");
        return new Rules.Multiplier(id, factor, "member day " + day, c -> c.localDate().getDayOfWeek() == day);
    }

    /** Extra points on a day of every month (1..28, member day), in the member's time zone. */
    static EarningRule memberDayOfMonth(String id, int dayOfMonth, BigDecimal factor) {
        if (dayOfMonth < 1 || dayOfMonth > 28) {
            throw new IllegalArgumentException("dayOfMonth of rule '" + id + "' must be within 1..28: " + dayOfMonth);
        }
        return new Rules.Multiplier(id, factor, "member day (day " + dayOfMonth + " of the month)",
                c -> c.localDate().getDayOfMonth() == dayOfMonth);
    }

    /** Extra points by the member's tier multiplier. */
    static EarningRule tierMultiplier(String id) {
        return new Rules.TierMultiplier(id);
    }

    /** Bonus points: {@code points} per {@code per} paid ({@link SpendBase#PAID}) on lines of {@code category}, rounded down. */
    static EarningRule categoryBonus(String id, String category, long points, Money per) {
        return categoryBonus(id, category, points, per, SpendBase.PAID);
    }

    /** Bonus points: {@code points} per {@code per} of the chosen base on lines of {@code category}, rounded down. */
    static EarningRule categoryBonus(String id, String category, long points, Money per, SpendBase base) {
        return new Rules.CategoryBonus(id, category, points, per, base);
    }

    /** Bonus points for a member's first purchase. */
    static EarningRule firstPurchase(String id, long points) {
        return new Rules.Fixed(id, points, "first purchase",
                c -> c.event() instanceof EarningEvent.Purchase && c.member().purchases() == 0);
    }

    /**
     * Points for scanning a QR code at a store; a code earns once per member (see
     * {@link EarningHistory#codeClaimed}), or once in all for a one-time code ({@link EarningEvent.QrScan}).
     */
    static EarningRule qrScan(String id, long points) {
        return new Rules.QrScanRule(id, points);
    }

    /** Points for a check-in within {@code radiusMetres} of one of {@code stores} (the nearest is named). */
    static EarningRule geoCheckIn(String id, List<Store> stores, double radiusMetres, long points) {
        return new Rules.GeoCheckIn(id, stores, radiusMetres, points);
    }

    /** Points for a referral. */
    static EarningRule referral(String id, long points) {
        return new Rules.Fixed(id, points, "referral", c -> c.event() instanceof EarningEvent.Referral);
    }
}
