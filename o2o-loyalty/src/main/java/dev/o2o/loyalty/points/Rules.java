package dev.o2o.loyalty.points;

import dev.o2o.core.Ids;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderLine;
import dev.o2o.core.Store;
import dev.o2o.loyalty.internal.Apportion;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** The built-in {@link EarningRule}s. All immutable and thread-safe. */
final class Rules {

    private Rules() {
    }

    static String storeOf(EarningEvent e) {
        if (e instanceof EarningEvent.Purchase p) {
            return p.order().storeId().orElse(null);
        }
        if (e instanceof EarningEvent.QrScan q) {
            return q.storeId();
        }
        return null;
    }

    /** {@code a * b / c} rounded as asked, exact. */
    static long mulDiv(long a, long b, long c, RoundingMode rounding) {
        if (rounding == RoundingMode.FLOOR || rounding == RoundingMode.DOWN) {
            // a, b, c are not negative here, so FLOOR and DOWN agree
            return Math.multiplyExact(a, b) / c;
        }
        return BigDecimal.valueOf(a).multiply(BigDecimal.valueOf(b))
                .divide(BigDecimal.valueOf(c), 0, rounding).longValueExact();
    }

    static List<PointsAward> one(String id, long points, PointsAward.Kind kind, String reason) {
        return List.of(new PointsAward(id, points, kind, reason));
    }

    static List<PointsAward> one(String id, long points, PointsAward.Kind kind, String reason, long[] lines) {
        Long[] boxed = new Long[lines.length];
        for (int i = 0; i < lines.length; i++) {
            boxed[i] = lines[i];
        }
        return List.of(new PointsAward(id, points, kind, reason, List.of(boxed)));
    }

    /** Each line's amount in minor units on the base: list total, or what was paid for it. */
    static long[] lineAmounts(Order order, SpendBase base) {
        List<OrderLine> lines = order.lines();
        long[] out = new long[lines.size()];
        // the order discount needs sharing over the lines; line discounts are subtracted in minor units
        List<Money> paid = base == SpendBase.PAID && !order.orderDiscount().isZero() ? order.paidByLine() : null;
        for (int i = 0; i < out.length; i++) {
            OrderLine line = lines.get(i);
            if (paid != null) {
                out[i] = paid.get(i).minorUnits();
            } else {
                out[i] = Math.multiplyExact(line.unitPrice().minorUnits(), (long) line.quantity());
                if (base == SpendBase.PAID && !line.discount().isZero()) {
                    out[i] -= line.discount().minorUnits();
                }
            }
        }
        return out;
    }

    /** " paid" when the base is what was paid and the order had discounts, for reasons. */
    static String baseWord(Order order, SpendBase base) {
        return base == SpendBase.PAID && order.paid().compareTo(order.total()) != 0 ? " paid" : "";
    }

    /**
     * An extra of a multiplier, by line like the base points it multiplies (the part of the base not
     * earned by lines stays with the order); all with the order when the base is not known by line.
     */
    static List<PointsAward> extra(String id, long extra, String reason, EarningContext c) {
        List<Long> baseLines = c.baseLinePoints();
        if (baseLines.isEmpty()) {
            return one(id, extra, PointsAward.Kind.BONUS, reason);
        }
        long[] weights = new long[baseLines.size() + 1];
        long byLines = 0;
        for (int i = 0; i < baseLines.size(); i++) {
            weights[i] = baseLines.get(i);
            byLines += weights[i];
        }
        weights[baseLines.size()] = c.basePoints() - byLines;
        long[] parts = Apportion.split(extra, weights);
        return one(id, extra, PointsAward.Kind.BONUS, reason, Arrays.copyOf(parts, baseLines.size()));
    }

    record Custom(String id, Function<EarningContext, List<PointsAward>> body) implements EarningRule {
        @Override
        public List<PointsAward> evaluate(EarningContext context) {
            return Objects.requireNonNull(body.apply(context), "awards of rule " + id);
        }
    }

    record When(Predicate<EarningContext> condition, EarningRule rule) implements EarningRule {
        @Override
        public String id() {
            return rule.id();
        }

        @Override
        public List<PointsAward> evaluate(EarningContext context) {
            return condition.test(context) ? rule.evaluate(context) : List.of();
        }
    }

    /** A built-in rule with its id, checked once here. */
    abstract static class Named implements EarningRule {
        final String id;

        Named(String id) {
            this.id = Ids.requireId(id, "rule id");
        }

        @Override
        public final String id() {
            return id;
        }

        /** {@code points}, if positive, for a rule's points per unit or per event. */
        final long positivePoints(long points) {
            return Checks.positive(points, "points of rule '" + id + "'");
        }
    }

    static final class PerAmount extends Named {
        private final long points;
        private final Money per;
        private final long perMinor;
        private final RoundingMode rounding;
        private final long minimumMinor;
        private final Set<String> excludedSkus;
        private final Set<String> excludedCategories;
        private final SpendBase base;
        private final String rate;

        PerAmount(String id, long points, Money per, RoundingMode rounding, Money minimumOrder,
                  Set<String> excludedSkus, Set<String> excludedCategories, SpendBase base) {
            super(id);
            this.base = Objects.requireNonNull(base, "base");
            this.points = positivePoints(points);
            this.per = Objects.requireNonNull(per, "per");
            this.perMinor = Checks.positive(per.minorUnits(), "per of rule '" + id + "' in minor units");
            this.rounding = Objects.requireNonNull(rounding, "rounding");
            if (rounding == RoundingMode.UNNECESSARY) {
                throw new IllegalArgumentException("rounding of rule '" + id + "' must not be UNNECESSARY");
            }
            Objects.requireNonNull(minimumOrder, "minimumOrder");
            if (!minimumOrder.currency().equals(per.currency()) || minimumOrder.isNegative()) {
                throw new IllegalArgumentException("minimumOrder of rule '" + id + "' must be a non-negative amount in "
                        + per.currency() + ": " + minimumOrder);
            }
            this.minimumMinor = minimumOrder.minorUnits();
            this.excludedSkus = Set.copyOf(excludedSkus);
            this.excludedCategories = Set.copyOf(excludedCategories);
            this.rate = points + (points == 1 ? " point per " : " points per ") + per;
        }

        @Override
        public List<PointsAward> evaluate(EarningContext context) {
            if (!(context.event() instanceof EarningEvent.Purchase p)) {
                return List.of();
            }
            Order order = p.order();
            if (!order.currency().equals(per.currency())) {
                return one(id, 0, PointsAward.Kind.BASE, "order in " + order.currency() + ", rule earns on "
                        + per.currency());
            }
            long[] amounts = lineAmounts(order, base);
            long total = 0;
            long eligible = 0;
            for (int i = 0; i < amounts.length; i++) {
                OrderLine line = order.lines().get(i);
                total += amounts[i];
                if (!excludedSkus.contains(line.sku()) && !excludedCategories.contains(line.category())) {
                    eligible += amounts[i];
                } else {
                    amounts[i] = 0; // an excluded line earns nothing, so a refund of it takes nothing back
                }
            }
            String word = baseWord(order, base);
            if (total < minimumMinor) {
                return one(id, 0, PointsAward.Kind.BASE, "order total " + Money.ofMinor(total, per.currency()) + word
                        + " is below the minimum " + Money.ofMinor(minimumMinor, per.currency()));
            }
            long earned = mulDiv(eligible, points, perMinor, rounding);
            String reason = rate + " on " + Money.ofMinor(eligible, per.currency()) + word;
            if (eligible != total) {
                reason += " (" + Money.ofMinor(total - eligible, per.currency()) + " excluded)";
            }
            return one(id, earned, PointsAward.Kind.BASE, reason,
                    earned == 0 ? new long[amounts.length] : Apportion.split(earned, amounts));
        }
    }

    static final class Multiplier extends Named {
        private final long extraNumerator;
        private final long denominator;
        private final String reason;
        private final Predicate<EarningContext> applies;

        Multiplier(String id, BigDecimal factor, String what, Predicate<EarningContext> applies) {
            super(id);
            Objects.requireNonNull(factor, "factor");
            if (factor.compareTo(BigDecimal.ONE) < 0) {
                throw new IllegalArgumentException("factor of rule '" + id + "' must be at least 1: "
                        + factor.toPlainString());
            }
            BigDecimal extra = factor.subtract(BigDecimal.ONE).stripTrailingZeros();
            int scale = Math.max(0, extra.scale());
            if (scale > 9) {
                throw new IllegalArgumentException("factor of rule '" + id + "' has more than 9 decimals: "
                        + factor.toPlainString());
            }
            this.extraNumerator = extra.movePointRight(scale).longValueExact();
            this.denominator = BigDecimal.ONE.movePointRight(scale).longValueExact();
            this.reason = "x" + factor.stripTrailingZeros().toPlainString() + " for " + what;
            this.applies = applies;
        }

        @Override
        public List<PointsAward> evaluate(EarningContext context) {
            if (context.basePoints() == 0 || !applies.test(context)) {
                return List.of();
            }
            long extra = Math.multiplyExact(context.basePoints(), extraNumerator) / denominator;
            return extra(id, extra, reason + " on " + context.basePoints() + " base points", context);
        }
    }

    record TierMultiplier(String id) implements EarningRule {
        TierMultiplier {
            Ids.requireId(id, "rule id");
        }

        @Override
        public List<PointsAward> evaluate(EarningContext context) {
            BigDecimal m = context.member().tierMultiplier();
            if (context.basePoints() == 0 || m.compareTo(BigDecimal.ONE) == 0) {
                return List.of();
            }
            long extra = BigDecimal.valueOf(context.basePoints()).multiply(m.subtract(BigDecimal.ONE))
                    .setScale(0, RoundingMode.FLOOR).longValueExact();
            return extra(id, extra, "x" + m.stripTrailingZeros().toPlainString() + " for tier "
                    + context.member().tier() + " on " + context.basePoints() + " base points", context);
        }
    }

    static final class CategoryBonus extends Named {
        private final String category;
        private final long points;
        private final Money per;
        private final long perMinor;
        private final SpendBase base;

        CategoryBonus(String id, String category, long points, Money per, SpendBase base) {
            super(id);
            this.base = Objects.requireNonNull(base, "base");
            this.category = Ids.requireId(category, "category");
            this.points = positivePoints(points);
            this.per = Objects.requireNonNull(per, "per");
            this.perMinor = Checks.positive(per.minorUnits(), "per of rule '" + id + "' in minor units");
        }

        @Override
        public List<PointsAward> evaluate(EarningContext context) {
            if (!(context.event() instanceof EarningEvent.Purchase p) || !p.order().currency().equals(per.currency())) {
                return List.of();
            }
            long[] amounts = lineAmounts(p.order(), base);
            long spent = 0;
            for (int i = 0; i < amounts.length; i++) {
                if (p.order().lines().get(i).category().equals(category)) {
                    spent += amounts[i];
                } else {
                    amounts[i] = 0;
                }
            }
            if (spent == 0) {
                return List.of();
            }
            long bonus = mulDiv(spent, points, perMinor, RoundingMode.FLOOR);
            return one(id, bonus, PointsAward.Kind.BONUS, points + " extra per " + per + " on "
                    + Money.ofMinor(spent, per.currency()) + baseWord(p.order(), base) + " of " + category,
                    bonus == 0 ? new long[amounts.length] : Apportion.split(bonus, amounts));
        }
    }

    static final class Fixed extends Named {
        private final long points;
        private final String reason;
        private final Predicate<EarningContext> applies;

        Fixed(String id, long points, String reason, Predicate<EarningContext> applies) {
            super(id);
            this.points = positivePoints(points);
            this.reason = reason;
            this.applies = applies;
        }

        @Override
        public List<PointsAward> evaluate(EarningContext context) {
            return applies.test(context) ? one(id, points, PointsAward.Kind.BONUS, reason) : List.of();
        }
    }

    static final class QrScanRule extends Named {
        private final long points;

        QrScanRule(String id, long points) {
            super(id);
            this.points = positivePoints(points);
        }

        @Override
        public List<PointsAward> evaluate(EarningContext context) {
            if (!(context.event() instanceof EarningEvent.QrScan scan)) {
                return List.of();
            }
            if (context.history().codeClaimed(scan.code())) {
                return one(id, 0, PointsAward.Kind.BONUS, "QR code " + scan.code() + " has already earned points");
            }
            return one(id, points, PointsAward.Kind.BONUS, "QR code scanned at store " + scan.storeId());
        }
    }

    static final class GeoCheckIn extends Named {
        private final List<Store> stores;
        private final double radiusMetres;
        private final long points;

        GeoCheckIn(String id, List<Store> stores, double radiusMetres, long points) {
            super(id);
            this.stores = List.copyOf(stores);
            if (this.stores.isEmpty()) {
                throw new IllegalArgumentException("stores of rule '" + id + "' must not be empty");
            }
            if (!(radiusMetres > 0) || Double.isInfinite(radiusMetres)) {
                throw new IllegalArgumentException("radiusMetres of rule '" + id + "' must be positive and finite: "
                        + radiusMetres);
            }
            this.radiusMetres = radiusMetres;
            this.points = positivePoints(points);
        }

        @Override
        public List<PointsAward> evaluate(EarningContext context) {
            if (!(context.event() instanceof EarningEvent.CheckIn checkIn)) {
                return List.of();
            }
            Store nearest = null;
            double best = Double.POSITIVE_INFINITY;
            for (Store s : stores) {
                double d = s.distanceMetres(checkIn.location());
                if (d < best) {
                    best = d;
                    nearest = s;
                }
            }
            if (best > radiusMetres) {
                return one(id, 0, PointsAward.Kind.BONUS, "no store within " + Math.round(radiusMetres)
                        + " m (nearest " + nearest.id() + " at " + Math.round(best) + " m)");
            }
            return one(id, points, PointsAward.Kind.BONUS, "checked in " + Math.round(best) + " m from store "
                    + nearest.id());
        }
    }
}
