package dev.o2o.loyalty.coupon;

import java.util.Optional;
import java.util.TreeSet;

/** Which conditions a store counter can check before the cart is known, and how to name the others. */
final class CounterConditions {
    private CounterConditions() {
    }

    /** What the discount itself needs of the cart, in words. */
    static String discountNeeds(Discount d) {
        if (d instanceof Discount.Threshold t) {
            return "eligible lines worth at least " + t.spend() + " (for " + t.save() + " off)";
        }
        if (d instanceof Discount.Tiered t) {
            return "eligible lines worth at least " + t.lowestSpend() + " (for " + t.tiers().get(0).save() + " off)";
        }
        if (d instanceof Discount.Repeating r) {
            return "eligible lines worth at least " + r.every() + " (" + r.save() + " off per step, at most " + r.maxSave() + ")";
        }
        if (d instanceof Discount.NthItem n) {
            return "at least " + n.n() + " eligible units";
        }
        if (d instanceof Discount.BuyXGetY b) {
            return "at least " + (b.buy() + b.get()) + " eligible units";
        }
        if (d instanceof Discount.CrossChannelVoucher v) {
            return "an online order with eligible lines worth at least " + v.spend();
        }
        if (d instanceof Discount.FixedPrice p) {
            return "sku " + p.sku() + " among the eligible lines (at " + p.unitPrice() + " a unit)";
        }
        if (d instanceof Discount.FreeGift g) {
            return "gift sku " + g.sku() + " in the cart (" + g.quantity() + " free)";
        }
        return "an eligible line in the cart";
    }

    /**
     * Empty if the counter checks {@code c} now; otherwise what is left for redemption, in words:
     * conditions on the cart always, conditions on the customer's profile when the counter was given
     * no customer context (only the store).
     */
    static Optional<String> leftForRedemption(CouponCondition c, boolean contextGiven) {
        if (c instanceof Conditions.Validity || c instanceof Conditions.Hours || c instanceof Conditions.Days
                || c instanceof Conditions.Stores || c instanceof Conditions.ChannelKindOnly) {
            return Optional.empty();
        }
        if (c instanceof Conditions.MinSpend m) {
            return Optional.of("eligible lines worth at least " + m.amount());
        }
        if (c instanceof Conditions.LineFilter f) {
            return Optional.of((f.include() ? "only " : "not ") + (f.bySku() ? "skus " : "categories ")
                    + new TreeSet<>(f.values()) + " eligible");
        }
        if (c instanceof Conditions.Channels || c instanceof Conditions.GeoFence || c instanceof Conditions.Tiers
                || c instanceof Conditions.AnyTag || c instanceof Conditions.FirstOrder) {
            return contextGiven ? Optional.empty() : Optional.of("the customer's " + profileNeed(c));
        }
        return Optional.of("custom condition " + c.getClass().getSimpleName());
    }

    private static String profileNeed(CouponCondition c) {
        if (c instanceof Conditions.Channels ch) {
            return "channel one of " + new TreeSet<>(ch.channelIds());
        }
        if (c instanceof Conditions.GeoFence g) {
            return "location within " + g.radiusMetres() + " m of an eligible store";
        }
        if (c instanceof Conditions.Tiers t) {
            return "tier one of " + new TreeSet<>(t.tiers());
        }
        if (c instanceof Conditions.AnyTag t) {
            return "tags including one of " + new TreeSet<>(t.tags());
        }
        return "first order";
    }
}
