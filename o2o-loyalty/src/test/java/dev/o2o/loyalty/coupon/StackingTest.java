package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static dev.o2o.loyalty.coupon.Fixtures.CLOCK;
import static dev.o2o.loyalty.coupon.Fixtures.cart;
import static dev.o2o.loyalty.coupon.Fixtures.cny;
import static dev.o2o.loyalty.coupon.Fixtures.line;
import static dev.o2o.loyalty.coupon.Fixtures.online;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackingTest {
    private final CouponValidator running = CouponValidator.create(CLOCK);
    private final CouponValidator initial = CouponValidator.create(CLOCK, UsageSource.none(),
            ValidationOptions.defaults().withBase(ValidationOptions.Base.INITIAL));

    private static Coupon rate(String id, String share, int priority) {
        return Coupon.builder(id, new Discount.Rate(new BigDecimal(share))).priority(priority).build();
    }

    private static Coupon threshold(String id, String spend, String save, int priority) {
        return Coupon.builder(id, new Discount.Threshold(cny(spend), cny(save))).priority(priority).build();
    }

    private static Money sum(List<Money> parts) {
        Money s = cny("0");
        for (Money m : parts) {
            s = s.plus(m);
        }
        return s;
    }

    @Test
    void percentageAppliesToTheDiscountedBase() {
        // 100:20 first (priority 5), then 10% off the remaining 85.47 = 8.547 -> 8.55
        StackResult r = running.apply(List.of(rate("pct", "0.9", 1), threshold("thr", "100", "20", 5)), cart(), online());
        assertEquals(List.of("thr", "pct"), r.appliedIds());
        assertEquals(cny("28.55"), r.totalDiscount());
        assertEquals(cny("8.55"), r.results().get(1).totalDiscount());
        assertEquals(r.totalDiscount(), sum(r.lineDiscounts()), "lines sum exactly");
    }

    @Test
    void thresholdIsCheckedOnTheBaseItAppliesTo() {
        // 10% first: 10.547 -> 10.55, leaving 94.92 < 100, so the 100:20 coupon fails
        StackResult r = running.apply(List.of(rate("pct", "0.9", 9), threshold("thr", "100", "20", 5)), cart(), online());
        assertEquals(List.of("pct"), r.appliedIds());
        assertEquals(List.of(ReasonCode.MIN_SPEND_NOT_REACHED), r.results().get(1).codes());
        assertEquals(cny("10.55"), r.totalDiscount());
        // on the initial base both apply: 10.55 + 20.00
        StackResult i = initial.apply(List.of(rate("pct", "0.9", 9), threshold("thr", "100", "20", 5)), cart(), online());
        assertEquals(List.of("pct", "thr"), i.appliedIds());
        assertEquals(cny("30.55"), i.totalDiscount());
        assertEquals(i.totalDiscount(), sum(i.lineDiscounts()));
    }

    @Test
    void stackNeverExceedsTheCart() {
        Coupon a = Coupon.builder("a", new Discount.FixedAmount(cny("80"))).priority(2).build();
        Coupon b = Coupon.builder("b", new Discount.FixedAmount(cny("80"))).priority(1).build();
        for (CouponValidator v : List.of(running, initial)) {
            StackResult r = v.apply(List.of(a, b), cart(), online());
            assertEquals(cny("105.47"), r.totalDiscount());
            assertEquals(List.of(cny("30.00"), cny("45.50"), cny("29.97")), r.lineDiscounts());
        }
    }

    @Test
    void exclusiveCouponsDoNotCombine() {
        Coupon ex = Coupon.builder("ex", new Discount.FixedAmount(cny("30"))).group(StackingGroup.EXCLUSIVE).priority(9).build();
        StackResult r = running.apply(List.of(ex, rate("pct", "0.9", 1)), cart(), online());
        assertEquals(List.of(ReasonCode.STACKING_NOT_ALLOWED), r.results().get(0).codes());
        assertEquals(List.of("pct"), r.appliedIds());
        assertTrue(running.apply(List.of(ex), cart(), online()).results().get(0).isValid());
        StackResult twice = running.apply(List.of(rate("pct", "0.9", 1), rate("pct", "0.9", 1)), cart(), online());
        assertEquals(List.of("pct"), twice.appliedIds());
        assertFalse(twice.results().get(1).isValid());
    }

    @Test
    void bestBeatsGreedy() {
        Cart c = Cart.of(line("a", "x", 1, "100.00"));
        Coupon small = Coupon.builder("small", new Discount.FixedAmount(cny("10"))).priority(3).build();
        Coupon big = threshold("big", "95", "30", 1);
        StackResult r = running.best(List.of(small, big), c, online());
        assertEquals(List.of("big"), r.appliedIds());
        assertEquals(cny("30.00"), r.totalDiscount());
        Coupon ex = Coupon.builder("ex", new Discount.FixedAmount(cny("35"))).group(StackingGroup.EXCLUSIVE).build();
        assertEquals(List.of("ex"), running.best(List.of(small, big, ex), c, online()).appliedIds());
        assertEquals(List.of(), running.best(List.of(threshold("no", "500", "50", 1)), c, online()).appliedIds());
    }

    @Test
    void bestIsExactAgainstBruteForce() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            List<Coupon> wallet = randomWallet(rnd, 2 + rnd.nextInt(11));
            Cart c = Cart.of(line("tea", "drinks", 1 + rnd.nextInt(3), "15.00"), line("cake", "bakery", 1, "45.50"),
                    line("cup", "goods", 1 + rnd.nextInt(4), "9.99"));
            for (CouponValidator v : List.of(running, initial)) {
                StackResult best = v.best(wallet, c, online());
                long brute = bruteForce(v, wallet, c);
                assertEquals(brute, best.totalDiscount().minorUnits(), "trial " + trial + " " + wallet);
                for (ValidationResult r : best.results()) {
                    assertTrue(r.isValid());
                }
                assertEquals(best.totalDiscount(), sum(best.lineDiscounts()));
            }
        }
    }

    static List<Coupon> randomWallet(Random rnd, int n) {
        List<Coupon> w = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Coupon.Builder b;
            switch (rnd.nextInt(5)) {
                case 0 -> {
                    int spend = 20 + rnd.nextInt(120);
                    b = Coupon.builder("c" + i, new Discount.Threshold(cny(String.valueOf(spend)), cny(String.valueOf(1 + rnd.nextInt(spend / 2)))));
                }
                case 1 -> b = Coupon.builder("c" + i, new Discount.Rate(new BigDecimal("0." + (50 + rnd.nextInt(49)))));
                case 2 -> b = Coupon.builder("c" + i, new Discount.FixedAmount(cny(String.valueOf(1 + rnd.nextInt(30)))));
                case 3 -> b = Coupon.builder("c" + i, new Discount.FixedPrice("cup", cny(String.valueOf(rnd.nextInt(9)))));
                default -> b = Coupon.builder("c" + i, new Discount.FreeGift("tea", 1));
            }
            if (rnd.nextInt(4) == 0) {
                b.condition(CouponCondition.excludeCategories(Set.of("bakery")));
            }
            if (rnd.nextInt(4) == 0) {
                b.condition(CouponCondition.minSpend(cny(String.valueOf(30 + rnd.nextInt(100)))));
            }
            if (rnd.nextInt(6) == 0) {
                b.group(StackingGroup.EXCLUSIVE);
            }
            w.add(b.priority(rnd.nextInt(5)).build());
        }
        return w;
    }

    static long bruteForce(CouponValidator v, List<Coupon> wallet, Cart c) {
        List<Coupon> stackable = new ArrayList<>();
        long best = 0;
        for (Coupon x : wallet) {
            if (x.group() == StackingGroup.EXCLUSIVE) {
                best = Math.max(best, v.validate(x, c, online()).totalDiscountMinor());
            } else {
                stackable.add(x);
            }
        }
        for (int mask = 1; mask < (1 << stackable.size()); mask++) {
            List<Coupon> sub = new ArrayList<>();
            for (int i = 0; i < stackable.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    sub.add(stackable.get(i));
                }
            }
            best = Math.max(best, v.apply(sub, c, online()).totalDiscount().minorUnits());
        }
        return best;
    }

    @Test
    void bestHandlesAWalletOfTwenty() {
        Random rnd = new Random(3);
        List<Coupon> wallet = randomWallet(rnd, 20);
        StackResult r = running.best(wallet, cart(), online());
        assertEquals(bruteForce(running, wallet, cart()), r.totalDiscount().minorUnits());
    }
}
