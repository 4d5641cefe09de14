package dev.o2o.loyalty.coupon;

import dev.o2o.core.Money;
import dev.o2o.core.OrderLine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static dev.o2o.loyalty.coupon.Fixtures.ALICE;
import static dev.o2o.loyalty.coupon.Fixtures.CLOCK;
import static dev.o2o.loyalty.coupon.Fixtures.NOW;
import static dev.o2o.loyalty.coupon.Fixtures.cart;
import static dev.o2o.loyalty.coupon.Fixtures.cny;
import static dev.o2o.loyalty.coupon.Fixtures.online;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 10: amounts that used to be accepted and to overflow later (an ArithmeticException
 * naming no field, in coupon building and redemption) are refused where they enter, naming the
 * field, with a short message; the largest amount is 10^15 minor units.
 */
class AmountLimitsTest {

    private static void refused(String field, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().startsWith(field + " is out of range"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, "short message: " + e.getMessage());
    }

    @Test
    void hugeAmountsAreRefusedWhereTheyEnterNamingTheField() {
        Money huge = Money.of("1e30", "CNY");
        refused("fixed amount", () -> new Discount.FixedAmount(huge));
        refused("threshold spend", () -> new Discount.Threshold(huge, cny("20")));
        refused("fixed price unitPrice", () -> new Discount.FixedPrice("tea", huge));
        refused("minSpend", () -> CouponCondition.minSpend(huge));
        refused("totalBudget", () -> Coupon.builder("c", new Discount.FixedAmount(cny("1"))).totalBudget(huge));
        refused("discount", () -> RedemptionRequest.online("k1", "A1", ALICE, "o1", Money.of("1e20", "CNY"), NOW));
        refused("cart line 1 unitPrice", () -> Cart.of(new OrderLine("a", "b", 1, cny("1")), new OrderLine("c", "d", 1, huge)));
        // each line within the limit, their product or sum beyond it
        Money big = Money.ofMinor(Check.MAX_AMOUNT_MINOR, Fixtures.CNY);
        refused("cart line 0 total", () -> Cart.of(new OrderLine("a", "b", 2, big)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cart.of(new OrderLine("a", "b", 1, big), new OrderLine("c", "d", 1, cny("0.01"))));
        assertEquals("cart total is out of range after line 1: at most 10^15 minor units", e.getMessage());
        // the message quotes four digits of a huge value, not all of them
        IllegalArgumentException quoted = assertThrows(IllegalArgumentException.class,
                () -> new Discount.FixedAmount(Money.of(new BigDecimal("1e100000"), Fixtures.CNY)));
        assertTrue(quoted.getMessage().contains("1.000E+100000"), quoted.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Discount.Rate(new BigDecimal("0.1234567891")));
        assertTrue(new Discount.Rate(new BigDecimal("0.123456789")).offShare().signum() > 0);
    }

    @Test
    void theLargestAmountsWorkEndToEnd() {
        Money max = Money.ofMinor(Check.MAX_AMOUNT_MINOR, Fixtures.CNY);
        Coupon c = Coupon.builder("max", new Discount.FixedAmount(max)).totalBudget(max).build();
        Cart cart = Cart.of(new OrderLine("a", "b", 1, max));
        ValidationResult r = CouponValidator.create(CLOCK).validate(c, cart, online());
        assertEquals(max, r.totalDiscount());
        CouponStore store = CouponStore.inMemory();
        store.register(c.limits());
        store.issue("M1", "max", ALICE, NOW);
        assertTrue(store.redeem(RedemptionRequest.online("k1", "M1", ALICE, "o1", max, NOW)).isSuccess());
        assertEquals(new CouponUsage(1, Check.MAX_AMOUNT_MINOR, 1), store.usage("max", ALICE));
    }

    @Test
    void aFixedPriceFarAboveTheLineGivesNoDiscountInsteadOfOverflowing() {
        // 10^13 CNY a unit times 100,000 units does not fit a long: no discount, no ArithmeticException
        Coupon c = Coupon.builder("fp", new Discount.FixedPrice("tea", Money.ofMinor(Check.MAX_AMOUNT_MINOR, Fixtures.CNY)))
                .build();
        Cart cart = Cart.of(new OrderLine("tea", "drinks", 100_000, cny("0.01")));
        ValidationResult r = CouponValidator.create(CLOCK).validate(c, cart, online());
        assertTrue(r.isValid(), r.toString());
        assertEquals(cny("0.00"), r.totalDiscount());
        assertEquals(List.of(), CouponValidator.create(CLOCK).validate(c, cart(), online()).codes());
    }
}
