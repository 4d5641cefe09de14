package dev.o2o.examples.serve;

import dev.o2o.core.ChannelKind;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Money;
import dev.o2o.core.Store;
import dev.o2o.loyalty.coupon.Coupon;
import dev.o2o.loyalty.coupon.CouponCondition;
import dev.o2o.loyalty.coupon.Discount;
import dev.o2o.loyalty.points.EarningRule;
import dev.o2o.loyalty.points.RuleSet;
import dev.o2o.loyalty.points.SpendBase;
import dev.o2o.loyalty.points.Tier;
import dev.o2o.loyalty.points.TierPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the service sells and how it rewards, as code: the stores (in Shanghai), the coupon
 * definitions, the earning rules and the tiers. Definitions are code, not data, so a restart
 * reads the same ones; the stores keep only what happened (codes, redemptions, points).
 *
 * <p>Immutable and thread-safe.
 */
final class Catalog {

    static final String CURRENCY = "CNY";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    static final List<Store> STORES = List.of(
            new Store("s1", "People's Square", GeoPoint.of(31.2304, 121.4737)),
            new Store("s2", "Lujiazui", GeoPoint.of(31.2397, 121.4998)),
            new Store("s3", "Xujiahui", GeoPoint.of(31.1940, 121.4365)),
            new Store("s4", "Jing'an Temple", GeoPoint.of(31.2234, 121.4480)),
            new Store("s5", "Hongqiao", GeoPoint.of(31.1975, 121.3196)),
            new Store("s6", "Wujiaochang", GeoPoint.of(31.3017, 121.5140)));

    /** The tiers a coupon may be claimed in, for the coupons limited to some tiers. */
    static final Map<String, Set<String>> CLAIM_TIERS = Map.of("vip-save50", Set.of("silver", "gold"));

    static final TierPolicy TIERS = TierPolicy.byPoints(List.of(
            new Tier("base", 0, BigDecimal.ONE),
            new Tier("silver", 500, new BigDecimal("1.25")),
            new Tier("gold", 2000, new BigDecimal("1.5"))));

    /** One point per yuan paid, times the tier's multiplier; 50 welcome points on the first purchase. */
    static final RuleSet RULES = RuleSet.builder()
            .add(EarningRule.pointsPerAmount("spend", 1, money("1"), RoundingMode.FLOOR, money("0"), Set.of(),
                    Set.of("gift"), SpendBase.PAID))
            .add(EarningRule.tierMultiplier("tier"))
            .add(EarningRule.firstPurchase("welcome", 50))
            .build();

    private Catalog() {
    }

    /**
     * Every coupon: per store, "spend 100 save 15" at that store's counter, once per member; across
     * stores, 20% off coffee (anywhere, 100,000 codes) and, for silver and gold members, "spend 300
     * save 50".
     */
    static List<Coupon> coupons() {
        List<Coupon> all = new ArrayList<>();
        for (Store s : STORES) {
            all.add(Coupon.builder(storeCouponId(s.id()), new Discount.Threshold(money("100"), money("15")))
                    .stores(Set.of(s.id()))
                    .condition(CouponCondition.channelKind(ChannelKind.OFFLINE))
                    .perCustomerLimit(1)
                    .build());
        }
        all.add(Coupon.builder("coffee-20off", new Discount.Rate(new BigDecimal("0.8")))
                .condition(CouponCondition.includeCategories(Set.of("coffee")))
                .totalQuantity(100_000)
                .build());
        all.add(Coupon.builder("vip-save50", new Discount.Threshold(money("300"), money("50")))
                .condition(CouponCondition.tiers(CLAIM_TIERS.get("vip-save50")))
                .build());
        return List.copyOf(all);
    }

    static String storeCouponId(String storeId) {
        return storeId + "-save15";
    }

    /** The store a coupon is for, if it is one store's coupon. */
    static Optional<Store> storeOf(String couponId) {
        return STORES.stream().filter(s -> storeCouponId(s.id()).equals(couponId)).findFirst();
    }

    static Optional<Store> store(String id) {
        return STORES.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** A short description of a coupon for pages and the API. */
    static String describe(Coupon c) {
        String what;
        if (c.discount() instanceof Discount.Threshold t) {
            what = "spend " + t.spend().amount().toPlainString() + " save " + t.save().amount().toPlainString()
                    + " " + CURRENCY;
        } else if (c.discount() instanceof Discount.Rate r) {
            what = r.offShare().movePointRight(2).stripTrailingZeros().toPlainString() + "% off";
        } else {
            what = c.discount().kind().toString().toLowerCase(Locale.ROOT);
        }
        String where = storeOf(c.id()).map(s -> " at " + s.name()).orElse("");
        String forWhom = CLAIM_TIERS.containsKey(c.id()) ? " (" + String.join("/", CLAIM_TIERS.get(c.id()).stream()
                .sorted().toList()) + " members)" : "";
        return what + where + forWhom;
    }

    static Money money(String amount) {
        return Money.of(amount, CURRENCY);
    }
}
