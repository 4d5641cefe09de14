package dev.o2o.loyalty.coupon;

import dev.o2o.core.ChannelKind;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Money;
import dev.o2o.core.OrderLine;
import dev.o2o.core.Store;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

import static dev.o2o.loyalty.coupon.Fixtures.CLOCK;
import static dev.o2o.loyalty.coupon.Fixtures.CNY;
import static dev.o2o.loyalty.coupon.Fixtures.NOW;
import static dev.o2o.loyalty.coupon.Fixtures.cart;
import static dev.o2o.loyalty.coupon.Fixtures.cny;
import static dev.o2o.loyalty.coupon.Fixtures.line;
import static dev.o2o.loyalty.coupon.Fixtures.online;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Store PEOPLES_SQUARE = new Store("S1", "People's Square", GeoPoint.of(31.2304, 121.4737));
    private final CouponValidator validator = CouponValidator.create(CLOCK);

    private static Coupon coupon(CouponCondition... conditions) {
        Coupon.Builder b = Coupon.builder("C", new Discount.FixedAmount(cny("10")));
        for (CouponCondition c : conditions) {
            b.condition(c);
        }
        return b.build();
    }

    private static Coupon.Builder builder() {
        return Coupon.builder("C", new Discount.FixedAmount(cny("10")));
    }

    private List<ReasonCode> codes(Coupon c, CustomerContext ctx) {
        return validator.validate(c, cart(), ctx).codes();
    }

    private static UsageSource usage(long redeemed, String spent, long mine) {
        return (id, who) -> new CouponUsage(redeemed, cny(spent).minorUnits(), mine);
    }

    @Test
    void eachFailureCodeAlone() {
        CustomerContext ctx = online();
        assertEquals(List.of(ReasonCode.NOT_ACTIVE_YET),
                codes(coupon(CouponCondition.validity(NOW.plusSeconds(60), NOW.plusSeconds(3600))), ctx));
        assertEquals(List.of(ReasonCode.EXPIRED),
                codes(coupon(CouponCondition.validity(NOW.minusSeconds(3600), NOW)), ctx));
        assertEquals(List.of(ReasonCode.OUTSIDE_HOURS), codes(coupon(CouponCondition.hours(EnumSet.allOf(DayOfWeek.class),
                LocalTime.of(8, 0), LocalTime.of(12, 0), SHANGHAI)), ctx));
        assertEquals(List.of(ReasonCode.CHANNEL_NOT_ALLOWED), codes(coupon(CouponCondition.channelKind(ChannelKind.OFFLINE)), ctx));
        assertEquals(List.of(ReasonCode.CHANNEL_NOT_ALLOWED), codes(coupon(CouponCondition.channels(Set.of("wechat"))), ctx));
        Coupon atS2 = builder().stores(Set.of("S2")).build();
        assertEquals(List.of(ReasonCode.STORE_NOT_ALLOWED), codes(atS2, ctx.atStore("S1")));
        assertEquals(List.of(ReasonCode.STORE_NOT_ALLOWED), codes(atS2, ctx));
        assertEquals(List.of(ReasonCode.OUTSIDE_AREA), codes(coupon(CouponCondition.geoFence(List.of(PEOPLES_SQUARE), 1000)),
                ctx.at(GeoPoint.of(31.2754, 121.4737))));
        assertEquals(List.of(ReasonCode.OUTSIDE_AREA), codes(coupon(CouponCondition.geoFence(List.of(PEOPLES_SQUARE), 1000)), ctx));
        assertEquals(List.of(ReasonCode.MIN_SPEND_NOT_REACHED), codes(coupon(CouponCondition.minSpend(cny("105.48"))), ctx));
        assertEquals(List.of(ReasonCode.NO_ELIGIBLE_ITEMS), codes(coupon(CouponCondition.includeCategories(Set.of("phones"))), ctx));
        assertEquals(List.of(ReasonCode.NO_ELIGIBLE_ITEMS), codes(coupon(CouponCondition.excludeSkus(Set.of("tea", "cake", "cup"))), ctx));
        assertEquals(List.of(ReasonCode.CUSTOMER_NOT_ELIGIBLE), codes(coupon(CouponCondition.tiers(Set.of("gold"))), ctx.withTier("silver")));
        assertEquals(List.of(ReasonCode.CUSTOMER_NOT_ELIGIBLE), codes(coupon(CouponCondition.anyTag(Set.of("student"))), ctx));
        assertEquals(List.of(ReasonCode.CUSTOMER_NOT_ELIGIBLE), codes(coupon(CouponCondition.firstOrderOnly()), ctx.withCompletedOrders(3)));
        CouponValidator used = CouponValidator.create(CLOCK, usage(100, "995.00", 1), ValidationOptions.defaults());
        assertEquals(List.of(ReasonCode.PER_CUSTOMER_LIMIT),
                used.validate(builder().perCustomerLimit(1).build(), cart(), ctx).codes());
        assertEquals(List.of(ReasonCode.QUANTITY_EXHAUSTED),
                used.validate(builder().totalQuantity(100).build(), cart(), ctx).codes());
        assertEquals(List.of(ReasonCode.BUDGET_EXHAUSTED),
                used.validate(builder().totalBudget(cny("1000.00")).build(), cart(), ctx).codes());
        Coupon usd = Coupon.builder("U", new Discount.FixedAmount(Money.of("1", "USD"))).build();
        assertEquals(List.of(ReasonCode.CURRENCY_MISMATCH), codes(usd, ctx));
        Coupon threshold = Coupon.builder("T", new Discount.Threshold(cny("200"), cny("20"))).build();
        assertEquals(List.of(ReasonCode.MIN_SPEND_NOT_REACHED), codes(threshold, ctx));
    }

    @Test
    void passingVariantsOfEveryConditionAreValid() {
        CustomerContext ctx = online().atStore("S1").at(GeoPoint.of(31.2310, 121.4740)).withTier("gold")
                .withTags(Set.of("student"));
        CouponValidator used = CouponValidator.create(CLOCK, usage(99, "990.00", 0), ValidationOptions.defaults());
        Coupon.Builder b = builder().stores(Set.of("S1")).perCustomerLimit(1).totalQuantity(100).totalBudget(cny("1000.00"));
        for (CouponCondition cond : List.of(CouponCondition.validity(NOW.minusSeconds(1), NOW.plusSeconds(1)),
                CouponCondition.hours(Set.of(DayOfWeek.WEDNESDAY), LocalTime.of(17, 0), LocalTime.of(19, 0), SHANGHAI),
                CouponCondition.channelKind(ChannelKind.ONLINE), CouponCondition.channels(Set.of("app")),
                CouponCondition.geoFence(List.of(PEOPLES_SQUARE), 1000),
                CouponCondition.minSpend(cny("105.47")), CouponCondition.excludeCategories(Set.of("phones")),
                CouponCondition.tiers(Set.of("gold")), CouponCondition.anyTag(Set.of("student")), CouponCondition.firstOrderOnly())) {
            b.condition(cond);
        }
        Coupon c = b.build();
        ValidationResult r = used.validate(c, cart(), ctx);
        assertTrue(r.isValid(), r.toString());
        assertEquals(cny("10.00"), r.totalDiscount());
    }

    @Test
    void severalFailuresAreAllReported() {
        Coupon c = coupon(CouponCondition.validity(NOW.minusSeconds(3600), NOW.minusSeconds(1)),
                CouponCondition.channelKind(ChannelKind.OFFLINE), CouponCondition.minSpend(cny("500")),
                CouponCondition.tiers(Set.of("gold")));
        ValidationResult r = validator.validate(c, cart(), online());
        assertEquals(List.of(ReasonCode.EXPIRED, ReasonCode.CHANNEL_NOT_ALLOWED, ReasonCode.MIN_SPEND_NOT_REACHED,
                ReasonCode.CUSTOMER_NOT_ELIGIBLE), r.codes());
        assertFalse(r.isValid());
        assertEquals(cny("0.00"), r.totalDiscount());
        for (Violation v : r.violations()) {
            assertFalse(v.message().isBlank());
        }
        // public mode hides the undisclosed tier reason behind NOT_FOUND
        assertEquals(List.of(ReasonCode.NOT_FOUND), r.publicView().codes());
        ValidationResult disclosable = validator.validate(coupon(CouponCondition.minSpend(cny("500"))), cart(), online());
        assertSame(disclosable, disclosable.publicView());
        ValidationResult early = validator.validate(coupon(CouponCondition.validity(NOW.plusSeconds(5), NOW.plusSeconds(9))),
                cart(), online());
        assertEquals(List.of(ReasonCode.NOT_FOUND), early.publicView().codes());
    }

    @Test
    void hoursUseTheZoneAndWrapPastMidnight() {
        // 10:00Z is 18:00 Wednesday in Shanghai, 06:00 Wednesday in New York
        Coupon evening = coupon(CouponCondition.hours(Set.of(DayOfWeek.WEDNESDAY), LocalTime.of(17, 0), LocalTime.of(18, 0),
                SHANGHAI));
        assertEquals(List.of(ReasonCode.OUTSIDE_HOURS), codes(evening, online()), "end is exclusive");
        Coupon night = coupon(CouponCondition.hours(Set.of(DayOfWeek.TUESDAY), LocalTime.of(22, 0), LocalTime.of(7, 0),
                ZoneId.of("America/New_York")));
        assertTrue(validator.validate(night, cart(), online()).isValid(), "06:00 Wednesday belongs to Tuesday's night window");
        Coupon wednesdayNight = coupon(CouponCondition.hours(Set.of(DayOfWeek.WEDNESDAY), LocalTime.of(22, 0),
                LocalTime.of(7, 0), ZoneId.of("America/New_York")));
        assertEquals(List.of(ReasonCode.OUTSIDE_HOURS), codes(wednesdayNight, online()));
        // agrees with java.time over a week of instants across a DST change
        Coupon lunch = coupon(CouponCondition.hours(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(11, 30),
                LocalTime.of(14, 0), ZoneId.of("Europe/Berlin")));
        Instant t = Instant.parse("2026-03-26T00:00:00Z");
        for (int i = 0; i < 7 * 96; i++, t = t.plus(Duration.ofMinutes(15))) {
            ZonedDateTime z = t.atZone(ZoneId.of("Europe/Berlin"));
            boolean expected = (z.getDayOfWeek() == DayOfWeek.SATURDAY || z.getDayOfWeek() == DayOfWeek.SUNDAY)
                    && !z.toLocalTime().isBefore(LocalTime.of(11, 30)) && z.toLocalTime().isBefore(LocalTime.of(14, 0));
            CouponValidator v = CouponValidator.create(Clock.fixed(t, SHANGHAI));
            assertEquals(expected, v.validate(lunch, cart(), online()).isValid(), t.toString());
        }
    }

    @Test
    void orderLevelDiscountIsSpreadByLargestRemainder() {
        ValidationResult r = validator.validate(coupon(), cart(), online());
        // 10.00 over 30.00 / 45.50 / 29.97: 2.8444, 4.3140, 2.8416 -> 2.85, 4.31, 2.84
        assertEquals(List.of(cny("2.85"), cny("4.31"), cny("2.84")), r.lineDiscounts());
        assertEquals(cny("10.00"), r.totalDiscount());
        Random rnd = new Random(7);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + rnd.nextInt(8);
            List<OrderLine> lines = new ArrayList<>();
            List<BigDecimal> weights = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                OrderLine l = line("s" + i, "c", 1 + rnd.nextInt(5), BigDecimal.valueOf(rnd.nextInt(5000), 2).toPlainString());
                lines.add(l);
                weights.add(l.total().amount());
            }
            Cart cart = Cart.of(lines, CNY);
            if (cart.total().isZero()) {
                continue;
            }
            Money amount = Money.ofMinor(1 + rnd.nextInt(30000), CNY);
            ValidationResult res = validator.validate(Coupon.builder("X", new Discount.FixedAmount(amount)).build(), cart, online());
            Money expectedTotal = amount.min(cart.total());
            assertEquals(expectedTotal, res.totalDiscount());
            assertEquals(expectedTotal.allocate(weights), res.lineDiscounts(), "same as Money.allocate");
            for (int i = 0; i < n; i++) {
                assertTrue(res.lineDiscounts().get(i).compareTo(lines.get(i).total()) <= 0, "never more than the line");
            }
        }
    }

    @Test
    void discountNeverExceedsWhatRemains() {
        ValidationResult r = validator.validate(Coupon.builder("big", new Discount.FixedAmount(cny("500"))).build(), cart(), online());
        assertEquals(List.of(cny("30.00"), cny("45.50"), cny("29.97")), r.lineDiscounts());
        assertEquals(cny("105.47"), r.totalDiscount());
    }

    @Test
    void eachDiscountKind() {
        assertEquals(cny("20.00"), validator.validate(Coupon.builder("t", new Discount.Threshold(cny("100"), cny("20"))).build(),
                cart(), online()).totalDiscount());
        Coupon onlyGoodsAndDrinks = Coupon.builder("t2", new Discount.Threshold(cny("100"), cny("20")))
                .condition(CouponCondition.excludeCategories(Set.of("bakery"))).build();
        assertEquals(List.of(ReasonCode.MIN_SPEND_NOT_REACHED), codes(onlyGoodsAndDrinks, online()), "threshold on eligible lines");
        // 5% of 105.47 = 5.2735 -> 5.27
        ValidationResult rate = validator.validate(Coupon.builder("r", new Discount.Rate(new BigDecimal("0.95"))).build(), cart(), online());
        assertEquals(cny("5.27"), rate.totalDiscount());
        ValidationResult price = validator.validate(Coupon.builder("p", new Discount.FixedPrice("cup", cny("5.00"))).build(), cart(), online());
        assertEquals(List.of(cny("0.00"), cny("0.00"), cny("14.97")), price.lineDiscounts());
        ValidationResult gift = validator.validate(Coupon.builder("g", new Discount.FreeGift("cup", 2)).build(), cart(), online());
        assertEquals(List.of(cny("0.00"), cny("0.00"), cny("19.98")), gift.lineDiscounts());
        assertEquals(List.of(ReasonCode.NO_ELIGIBLE_ITEMS),
                codes(Coupon.builder("g2", new Discount.FreeGift("mug", 1)).build(), online()));
        Coupon skuOnly = Coupon.builder("s", new Discount.Rate(new BigDecimal("0.5")))
                .condition(CouponCondition.includeSkus(Set.of("cake"))).build();
        assertEquals(List.of(cny("0.00"), cny("22.75"), cny("0.00")), validator.validate(skuOnly, cart(), online()).lineDiscounts());
    }

    @Test
    void roundingIsHalfEvenByDefaultAndConfigurable() {
        // 5% of 10.10 = 0.505
        Cart c = Cart.of(line("a", "x", 1, "10.10"));
        Coupon rate = Coupon.builder("r", new Discount.Rate(new BigDecimal("0.95"))).build();
        assertEquals(cny("0.50"), validator.validate(rate, c, online()).totalDiscount());
        CouponValidator up = CouponValidator.create(CLOCK, UsageSource.none(), ValidationOptions.defaults().withRounding(RoundingMode.HALF_UP));
        assertEquals(cny("0.51"), up.validate(rate, c, online()).totalDiscount());
        assertThrows(IllegalArgumentException.class, () -> ValidationOptions.defaults().withRounding(RoundingMode.UNNECESSARY));
    }

    @Test
    void customConditionsAreAnExtensionPoint() {
        CouponCondition noCakeOnWednesday = (in, out) -> {
            for (int i = 0; i < in.cart().size(); i++) {
                if (in.isEligible(i) && in.cart().lines().get(i).sku().equals("cake")) {
                    out.add(ReasonCode.OTHER, "no cake on Wednesdays");
                }
            }
        };
        ValidationResult r = validator.validate(coupon(noCakeOnWednesday), cart(), online());
        assertEquals(List.of(ReasonCode.OTHER), r.codes());
        assertEquals("no cake on Wednesdays", r.violations().get(0).message());
    }

    @Test
    void badDefinitionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CouponCondition.validity(NOW, NOW));
        assertThrows(IllegalArgumentException.class, () -> CouponCondition.geoFence(List.of(PEOPLES_SQUARE), 0));
        assertThrows(IllegalArgumentException.class, () -> builder().stores(Set.of()));
        assertThrows(IllegalArgumentException.class, () -> builder().perCustomerLimit(0));
        assertThrows(IllegalArgumentException.class, () -> builder().totalQuantity(0));
        assertThrows(IllegalArgumentException.class, () -> builder().totalBudget(cny("0")));
        assertThrows(IllegalArgumentException.class, () -> Cart.of(List.of(line("a", "b", 1, "1")), Currency.getInstance("USD")));
    }

    @Test
    void oneCurrencyPerCoupon() {
        Coupon.Builder mixed = Coupon.builder("m", new Discount.Rate(new BigDecimal("0.9")))
                .condition(CouponCondition.minSpend(cny("10")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> mixed.totalBudget(Money.of("9", "USD")));
        assertEquals("coupon 'm': the total budget is in USD but the minimum spend is in CNY; a coupon has one currency",
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> Coupon.builder("x", new Discount.FixedAmount(cny("1")))
                .totalBudget(Money.of("5", "USD")));
        assertThrows(IllegalStateException.class, () -> Coupon.builder("x", new Discount.FixedAmount(cny("1")))
                .condition(CouponCondition.minSpend(Money.of("5", "USD"))));
        Coupon rate = Coupon.builder("r", new Discount.Rate(new BigDecimal("0.9"))).condition(CouponCondition.minSpend(cny("10")))
                .totalBudget(cny("100")).build();
        assertEquals(Optional.of(CNY), rate.currency());
        Cart usd = Cart.of(new OrderLine("a", "b", 1, Money.of("50", "USD")));
        assertEquals(List.of(ReasonCode.CURRENCY_MISMATCH), validator.validate(rate, usd, online()).codes());
    }

    @Test
    void limitsAndStoresAreSetOnTheBuilder() {
        Coupon c = builder().totalQuantity(5).totalBudget(cny("50")).perCustomerLimit(2).stores(Set.of("S1")).build();
        assertEquals(OptionalLong.of(5), c.limits().totalQuantity());
        assertEquals(Optional.of(cny("50")), c.limits().totalBudget());
        assertEquals(OptionalInt.of(2), c.limits().perCustomerLimit());
        assertEquals(Optional.of(Set.of("S1")), c.storeIds());
        assertEquals(CouponLimits.none("C"), coupon().limits());
    }

    @Test
    void conflictingBuilderCallsFailAtTheCall() {
        Coupon.Builder b = builder().totalQuantity(5).totalBudget(cny("50")).perCustomerLimit(2).stores(Set.of("S1"))
                .group(StackingGroup.EXCLUSIVE).priority(3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.totalQuantity(6));
        assertEquals("coupon 'C': totalQuantity is already set", e.getMessage());
        assertThrows(IllegalStateException.class, () -> b.totalBudget(cny("60")));
        assertThrows(IllegalStateException.class, () -> b.perCustomerLimit(1));
        assertThrows(IllegalStateException.class, () -> b.stores(Set.of("S2")));
        assertThrows(IllegalStateException.class, () -> b.group(StackingGroup.STACKABLE));
        assertThrows(IllegalStateException.class, () -> b.priority(4));
        // the builder is intact after the refused calls
        Coupon c = b.build();
        assertEquals(OptionalLong.of(5), c.limits().totalQuantity());
        assertEquals(Optional.of(Set.of("S1")), c.storeIds());
        assertEquals(3, c.priority());
    }

    @Test
    void validationAndTheStoresShareTheLimitRule() {
        // the validator's advisory check and a store's refusal come from CouponLimits.check: same codes, same messages
        Coupon c = builder().totalQuantity(3).totalBudget(cny("25.00")).perCustomerLimit(1).build();
        CouponUsage before = new CouponUsage(3, cny("20.00").minorUnits(), 1);
        ValidationResult r = CouponValidator.create(CLOCK, (id, who) -> before, ValidationOptions.defaults())
                .validate(c, cart(), online());
        assertEquals(c.limits().check(before, cny("10.00")), r.violations());
        assertEquals(List.of(ReasonCode.QUANTITY_EXHAUSTED, ReasonCode.BUDGET_EXHAUSTED, ReasonCode.PER_CUSTOMER_LIMIT), r.codes());
        assertEquals("the budget of 25.00 CNY cannot cover a discount of 10.00 CNY", r.violations().get(1).message());
        CouponStore store = CouponStore.inMemory();
        store.register(c.limits());
        store.issue("X1", "C", Fixtures.ALICE, NOW);
        store.issue("X2", "C", Fixtures.ALICE, NOW);
        assertTrue(store.redeem(RedemptionRequest.online("k1", "X1", Fixtures.ALICE, "o1", cny("20.00"), NOW)).isSuccess());
        StoreOutcome refused = store.redeem(RedemptionRequest.online("k2", "X2", Fixtures.ALICE, "o2", cny("10.00"), NOW));
        assertEquals(c.limits().check(new CouponUsage(1, 2000, 1), cny("10.00")).get(0), refused.failure().orElseThrow());
        // a spent budget refuses even a zero discount, in validation and in the store alike
        assertEquals(List.of(ReasonCode.BUDGET_EXHAUSTED), c.limits().check(new CouponUsage(0, 2500, 0), cny("0.00"))
                .stream().map(Violation::code).toList());
        assertEquals(List.of(ReasonCode.CURRENCY_MISMATCH), c.limits().check(CouponUsage.NONE, Money.of("1", "USD"))
                .stream().map(Violation::code).toList());
    }

    @Test
    void validatorIsThreadSafe() throws Exception {
        Coupon c = coupon(CouponCondition.minSpend(cny("50")), CouponCondition.excludeCategories(Set.of("bakery")));
        ValidationResult expected = validator.validate(c, cart(), online());
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; i < 20_000; i++) {
                        ValidationResult r = validator.validate(c, cart(), online());
                        if (!r.lineDiscounts().equals(expected.lineDiscounts())) {
                            throw new AssertionError("differs: " + r);
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(List.of(), errors);
    }
}
