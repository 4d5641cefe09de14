package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;

import static dev.o2o.loyalty.coupon.Fixtures.ALICE;
import static dev.o2o.loyalty.coupon.Fixtures.CLOCK;
import static dev.o2o.loyalty.coupon.Fixtures.POS;
import static dev.o2o.loyalty.coupon.Fixtures.cny;
import static dev.o2o.loyalty.coupon.Fixtures.line;
import static dev.o2o.loyalty.coupon.Fixtures.online;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tiers, repeating thresholds, N-th item, buy X get Y and the cross-channel voucher, each with
 * worked examples whose values are computed by hand in the comments.
 */
class RicherDiscountsTest {
    private final CouponValidator validator = CouponValidator.create(CLOCK);

    private static Cart one(String unit) {
        return Cart.of(line("bag", "goods", 1, unit));
    }

    private static Discount.Threshold spendSave(String spend, String save) {
        return new Discount.Threshold(cny(spend), cny(save));
    }

    private ValidationResult validate(Discount d, Cart cart) {
        return validator.validate(Coupon.builder("c", d).build(), cart, online());
    }

    @Test
    void tieredSavesTheHighestTierReached() {
        Discount tiers = new Discount.Tiered(List.of(spendSave("100", "10"), spendSave("200", "30")));
        assertEquals(cny("30.00"), validate(tiers, one("250.00")).totalDiscount());
        assertEquals(cny("30.00"), validate(tiers, one("200.00")).totalDiscount()); // a tier is reached at its spend
        assertEquals(cny("10.00"), validate(tiers, one("199.99")).totalDiscount());
        assertEquals(cny("10.00"), validate(tiers, one("100.00")).totalDiscount());
        ValidationResult below = validate(tiers, one("99.99"));
        assertEquals(List.of(ReasonCode.MIN_SPEND_NOT_REACHED), below.codes());
        assertEquals("eligible amount 99.99 CNY is below the lowest tier 100.00 CNY", below.violations().get(0).message());
        // spread over the lines: 105.47 reaches the first tier, 10.00 in all, lines sum exactly
        ValidationResult spread = validate(tiers, Fixtures.cart());
        assertEquals(cny("10.00"), spread.totalDiscount());
        assertEquals(spread.totalDiscount(), spread.lineDiscounts().stream().reduce(Money::plus).orElseThrow());
    }

    @Test
    void tieredRefusesTiersOutOfOrder() {
        assertEquals("tiered tiers must not be empty",
                assertThrows(IllegalArgumentException.class, () -> new Discount.Tiered(List.of())).getMessage());
        assertEquals("tiered tier 1 spend 100.00 CNY must be above tier 0 spend 200.00 CNY",
                assertThrows(IllegalArgumentException.class, () -> new Discount.Tiered(
                        List.of(spendSave("200.00", "30"), spendSave("100.00", "10")))).getMessage());
        assertEquals("tiered tier 1 save 10.00 CNY must be above tier 0 save 10.00 CNY",
                assertThrows(IllegalArgumentException.class, () -> new Discount.Tiered(
                        List.of(spendSave("100", "10.00"), spendSave("200", "10.00")))).getMessage());
        assertEquals("tiered tier 1 spend 200.00 USD differs in currency from tier 0",
                assertThrows(IllegalArgumentException.class, () -> new Discount.Tiered(List.of(spendSave("100", "10"),
                        new Discount.Threshold(Money.of("200.00", "USD"), Money.of("30", "USD"))))).getMessage());
    }

    @Test
    void repeatingSavesPerFullStepUpToItsCap() {
        Discount every100 = new Discount.Repeating(cny("100"), cny("10"), cny("50"));
        assertEquals(cny("30.00"), validate(every100, one("350.00")).totalDiscount()); // 3 full steps x 10
        assertEquals(cny("50.00"), validate(every100, one("780.00")).totalDiscount()); // 7 x 10 = 70, capped at 50
        assertEquals(cny("10.00"), validate(every100, one("100.00")).totalDiscount());
        assertEquals(cny("10.00"), validate(every100, one("199.99")).totalDiscount());
        ValidationResult below = validate(every100, one("99.99"));
        assertEquals(List.of(ReasonCode.MIN_SPEND_NOT_REACHED), below.codes());
        assertEquals("eligible amount 99.99 CNY is below one step of 100.00 CNY", below.violations().get(0).message());
        assertThrows(IllegalArgumentException.class, () -> new Discount.Repeating(cny("100"), cny("100"), cny("100")));
        assertEquals("repeating maxSave 5.00 CNY must be at least save 10.00 CNY", assertThrows(IllegalArgumentException.class,
                () -> new Discount.Repeating(cny("100"), cny("10"), cny("5"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Discount.Repeating(cny("100"), cny("10"), Money.of("50", "USD")));
    }

    @Test
    void nthItemDiscountsTheCheapestUnitOfEachFullGroup() {
        Discount secondHalf = new Discount.NthItem(2, new BigDecimal("0.5"));
        // units ranked 100, 80, 60: the group (100, 80) makes 80 half price; 60 has no partner
        ValidationResult r = validate(secondHalf, Cart.of(line("shirt", "wear", 1, "100.00"), line("socks", "wear", 1, "80.00"),
                line("hat", "wear", 1, "60.00")));
        assertEquals(List.of(cny("0.00"), cny("40.00"), cny("0.00")), r.lineDiscounts());
        // one line of 3 x 15.00: positions 0, 1, 2, the second is half price: 7.50
        assertEquals(cny("7.50"), validate(secondHalf, Cart.of(line("tea", "drinks", 3, "15.00"))).totalDiscount());
        // 2 x 9.97: 19.94 x 1/2 x 0.5 = 4.985, rounded HALF_EVEN (the default) to 4.98; HALF_UP gives 4.99
        Cart odd = Cart.of(line("cup", "goods", 2, "9.97"));
        assertEquals(cny("4.98"), validate(secondHalf, odd).totalDiscount());
        CouponValidator halfUp = CouponValidator.create(CLOCK, UsageSource.none(),
                new ValidationOptions(RoundingMode.HALF_UP, ValidationOptions.Base.RUNNING));
        assertEquals(cny("4.99"), halfUp.validate(Coupon.builder("c", secondHalf).build(), odd, online()).totalDiscount());
        // only eligible units count: drinks only, so the cheap cup does not take the discount
        Coupon drinks = Coupon.builder("drinks", new Discount.NthItem(3, BigDecimal.ZERO))
                .condition(CouponCondition.includeCategories(Set.of("drinks"))).build();
        ValidationResult third = validator.validate(drinks, Cart.of(line("tea", "drinks", 2, "15.00"),
                line("juice", "drinks", 1, "12.00"), line("cup", "goods", 1, "1.00")), online());
        assertEquals(List.of(cny("0.00"), cny("12.00"), cny("0.00")), third.lineDiscounts());
        ValidationResult single = validate(secondHalf, one("50.00"));
        assertEquals(List.of(ReasonCode.MIN_SPEND_NOT_REACHED), single.codes());
        assertEquals("every 2nd unit at 0.5 of its price needs at least 2 eligible units, the cart has 1",
                single.violations().get(0).message());
        assertThrows(IllegalArgumentException.class, () -> new Discount.NthItem(1, new BigDecimal("0.5")));
        assertThrows(IllegalArgumentException.class, () -> new Discount.NthItem(2, BigDecimal.ONE));
    }

    @Test
    void buyTwoGetOneGivesTheCheapestUnitOfEachFullGroupFree() {
        Discount b2g1 = new Discount.BuyXGetY(2, 1);
        // ranked 30, 25, 20, 10: (30, 25, 20) makes 20 free; 10 alone is not a full group
        ValidationResult r = validate(b2g1, Cart.of(line("a", "x", 1, "30.00"), line("b", "x", 1, "20.00"),
                line("c", "x", 1, "10.00"), line("d", "x", 1, "25.00")));
        assertEquals(List.of(cny("0.00"), cny("20.00"), cny("0.00"), cny("0.00")), r.lineDiscounts());
        // 6 x 15.00: two groups, two units free
        assertEquals(cny("30.00"), validate(b2g1, Cart.of(line("tea", "drinks", 6, "15.00"))).totalDiscount());
        // 7 units 2 + 5: ranked 50, 50, 10, 10, 10, 10, 10; groups (50, 50, 10), (10, 10, 10): 2 x 10 free
        assertEquals(cny("20.00"), validate(b2g1, Cart.of(line("p", "x", 2, "50.00"), line("q", "x", 5, "10.00"))).totalDiscount());
        ValidationResult two = validate(b2g1, Cart.of(line("tea", "drinks", 2, "15.00")));
        assertEquals(List.of(ReasonCode.MIN_SPEND_NOT_REACHED), two.codes());
        assertEquals("buy 2 get 1 needs at least 3 eligible units, the cart has 2", two.violations().get(0).message());
        assertThrows(IllegalArgumentException.class, () -> new Discount.BuyXGetY(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Discount.BuyXGetY(2, 0));
    }

    @Test
    void aCrossChannelVoucherIsEarnedOnlineOnWhatIsLeftToPay() {
        Coupon voucher = Coupon.builder("o2o", new Discount.CrossChannelVoucher(cny("200"), "in-store-20", cny("20"))).build();
        ValidationResult ok = validator.validate(voucher, one("250.00"), online());
        assertTrue(ok.isValid());
        assertEquals(cny("0.00"), ok.totalDiscount());
        StackResult alone = validator.apply(List.of(voucher), one("250.00"), online());
        assertEquals(List.of("in-store-20"), alone.vouchersEarned(List.of(voucher)));
        ValidationResult inStore = validator.validate(voucher, one("250.00"), CustomerContext.of(ALICE, POS));
        assertEquals(List.of(ReasonCode.CHANNEL_NOT_ALLOWED), inStore.codes());
        assertEquals(List.of(ReasonCode.MIN_SPEND_NOT_REACHED), validator.validate(voucher, one("150.00"), online()).codes());
        // judged after the other coupons: 250 - 60 = 190 is below 200, 250 - 40 = 210 is not
        Coupon off60 = Coupon.builder("off60", new Discount.FixedAmount(cny("60"))).build();
        Coupon off40 = Coupon.builder("off40", new Discount.FixedAmount(cny("40"))).build();
        StackResult after60 = validator.apply(List.of(voucher, off60), one("250.00"), online());
        assertEquals(List.of("off60"), after60.appliedIds());
        assertEquals(List.of(), after60.vouchersEarned(List.of(voucher, off60)));
        StackResult after40 = validator.apply(List.of(voucher, off40), one("250.00"), online());
        assertEquals(List.of("off40", "o2o"), after40.appliedIds());
        assertEquals(List.of("in-store-20"), after40.vouchersEarned(List.of(voucher, off40)));
    }

    @Test
    void theBestCombinationCoversTheNewKinds() {
        // 3 bags at 100.00. Applied in order: buy 2 get 1 (an item deal) frees 100.00, leaving 200.00;
        // the tiers (id a-tier before b-rep) reach 200 and save 30.00, leaving 170.00; the repeating
        // threshold has one full step, 10.00. Together 140.00. Any subset saves less:
        // b2g1 + tiers 130, b2g1 + repeating 100 + 20 = 120, tiers + repeating 30 + 20 = 50, b2g1 100.
        Cart bags = Cart.of(line("bag", "goods", 3, "100.00"));
        Coupon b2g1 = Coupon.builder("b2g1", new Discount.BuyXGetY(2, 1)).build();
        Coupon tiers = Coupon.builder("a-tier", new Discount.Tiered(List.of(spendSave("100", "10"), spendSave("200", "30"))))
                .build();
        Coupon rep = Coupon.builder("b-rep", new Discount.Repeating(cny("100"), cny("10"), cny("50"))).build();
        Coupon exclusive = Coupon.builder("ex", new Discount.FixedAmount(cny("120"))).group(StackingGroup.EXCLUSIVE).build();
        Coupon voucher = Coupon.builder("o2o", new Discount.CrossChannelVoucher(cny("100"), "in-store-20", cny("20"))).build();
        StackResult best = validator.best(List.of(rep, voucher, exclusive, tiers, b2g1), bags, online());
        assertEquals(List.of("b2g1", "a-tier", "b-rep"), best.appliedIds());
        assertEquals(cny("140.00"), best.totalDiscount());
        assertEquals(List.of(cny("140.00")), best.lineDiscounts());
        // the same coupons applied by hand give the same
        assertEquals(cny("140.00"), validator.apply(List.of(rep, tiers, b2g1), bags, online()).totalDiscount());
        // an exclusive coupon worth more wins alone
        Coupon bigExclusive = Coupon.builder("big", new Discount.FixedAmount(cny("150"))).group(StackingGroup.EXCLUSIVE).build();
        StackResult exclusiveWins = validator.best(List.of(rep, tiers, b2g1, bigExclusive), bags, online());
        assertEquals(List.of("big"), exclusiveWins.appliedIds());
        assertFalse(best.appliedIds().contains("o2o"), "a voucher saves nothing here, so the search leaves it out");
    }
}
