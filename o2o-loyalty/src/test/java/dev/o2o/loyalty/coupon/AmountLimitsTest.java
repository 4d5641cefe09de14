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
 * field, with a short message. The limit is core's one limit, {@link Money#TEXT_LIMIT}
 * (10^12 in major units whatever the currency's scale), not one of the coupon package's own.
 */
class AmountLimitsTest {

    /** The largest amount core accepts: one minor unit below its limit. */
    private static Money largest(java.util.Currency currency) {
        return Money.of(Money.TEXT_LIMIT, currency).minus(Money.ofMinor(1, currency));
    }

    private static Money atLimit(java.util.Currency currency) {
        return Money.of(Money.TEXT_LIMIT, currency);
    }

    private static void refused(String field, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().startsWith(field + " is out of range"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, "short message: " + e.getMessage());
    }

    @Test
    void hugeAmountsAreRefusedWhereTheyEnterNamingTheField() {
        // Money.of(String) refuses this already; built from a BigDecimal it reaches the coupon code
        Money huge = Money.of(new BigDecimal("1e29"), Fixtures.CNY);
        refused("fixed amount", () -> new Discount.FixedAmount(huge));
        refused("threshold spend", () -> new Discount.Threshold(huge, cny("20")));
        refused("fixed price unitPrice", () -> new Discount.FixedPrice("tea", huge));
        refused("minSpend", () -> CouponCondition.minSpend(huge));
        refused("totalBudget", () -> Coupon.builder("c", new Discount.FixedAmount(cny("1"))).totalBudget(huge));
        refused("discount", () -> RedemptionRequest.online("k1", "A1", ALICE, "o1", Money.of(new BigDecimal("1e20"), Fixtures.CNY), NOW));
        // a cart's unit prices come from OrderLine, which core holds to the same limit
        IllegalArgumentException line = assertThrows(IllegalArgumentException.class, () -> new OrderLine("c", "d", 1, huge));
        assertTrue(line.getMessage().startsWith("unitPrice of sku 'c' must be below 10^12"), line.getMessage());
        // each line within the limit, their product or sum beyond it
        Money big = largest(Fixtures.CNY);
        refused("cart line 0 total", () -> Cart.of(new OrderLine("a", "b", 2, big)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cart.of(new OrderLine("a", "b", 1, big), new OrderLine("c", "d", 1, cny("0.01"))));
        assertEquals("cart total after line 1 is out of range: 1000000000000.00 CNY; must be below 10^12",
                e.getMessage());
        // the message quotes four digits of a huge value, not all of them
        IllegalArgumentException quoted = assertThrows(IllegalArgumentException.class,
                () -> new Discount.FixedAmount(Money.of(new BigDecimal("123456789e21"), Fixtures.CNY)));
        assertEquals("fixed amount is out of range: 1.235E+29 CNY; must be below 10^12", quoted.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Discount.Rate(new BigDecimal("0.1234567891")));
        assertTrue(new Discount.Rate(new BigDecimal("0.123456789")).offShare().signum() > 0);
    }

    @Test
    void theLimitIsCoresInMajorUnitsWhateverTheScale() {
        for (String code : List.of("CNY", "JPY", "BHD")) {
            java.util.Currency currency = Money.currency(code);
            Money below = largest(currency);
            Money at = atLimit(currency);
            assertEquals(below, new Discount.FixedAmount(below).amount(), code);
            refused("fixed amount", () -> new Discount.FixedAmount(at));
            refused("fixed amount", () -> new Discount.FixedAmount(at.negate()));
            refused("minSpend", () -> CouponCondition.minSpend(at));
            refused("discount", () -> RedemptionRequest.online("k1", "A1", ALICE, "o1", at, NOW));
        }
        // the same amount as text is refused by core's parser: one limit, two doors
        assertThrows(IllegalArgumentException.class, () -> Money.of("1000000000000", "JPY"));
        assertEquals(Money.of("999999999999", "JPY"), largest(Money.currency("JPY")));
    }

    @Test
    void theLargestAmountsWorkEndToEnd() {
        Money max = largest(Fixtures.CNY);
        Coupon c = Coupon.builder("max", new Discount.FixedAmount(max)).totalBudget(max).build();
        Cart cart = Cart.of(new OrderLine("a", "b", 1, max));
        ValidationResult r = CouponValidator.create(CLOCK).validate(c, cart, online());
        assertEquals(max, r.totalDiscount());
        CouponStore store = CouponStore.inMemory();
        store.register(c.limits());
        store.issue("M1", "max", ALICE, NOW);
        assertTrue(store.redeem(RedemptionRequest.online("k1", "M1", ALICE, "o1", max, NOW)).isSuccess());
        assertEquals(new CouponUsage(1, 99_999_999_999_999L, 1), store.usage("max", ALICE));
    }

    @Test
    void aFixedPriceFarAboveTheLineGivesNoDiscountInsteadOfOverflowing() {
        // almost 10^14 fen a unit times 10^6 units does not fit a long: no discount, no ArithmeticException
        Coupon c = Coupon.builder("fp", new Discount.FixedPrice("tea", largest(Fixtures.CNY))).build();
        Cart cart = Cart.of(new OrderLine("tea", "drinks", OrderLine.MAX_QUANTITY, cny("0.01")));
        ValidationResult r = CouponValidator.create(CLOCK).validate(c, cart, online());
        assertTrue(r.isValid(), r.toString());
        assertEquals(cny("0.00"), r.totalDiscount());
        assertEquals(List.of(), CouponValidator.create(CLOCK).validate(c, cart(), online()).codes());
    }
}
