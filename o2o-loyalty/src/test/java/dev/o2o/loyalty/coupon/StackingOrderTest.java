package dev.o2o.loyalty.coupon;

import static dev.o2o.loyalty.coupon.Fixtures.CLOCK;
import static dev.o2o.loyalty.coupon.Fixtures.cny;
import static dev.o2o.loyalty.coupon.Fixtures.line;
import static dev.o2o.loyalty.coupon.Fixtures.online;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: with a 10%-off and a spend-150-save-20 coupon the result does not depend on the
 * order the caller lists them in, nor on their ids: amount-off coupons apply before rates.
 */
class StackingOrderTest {

    private final CouponValidator validator = CouponValidator.create(CLOCK);
    // ids chosen so that ordering by id alone would apply the rate first
    private final Coupon tenOff = Coupon.builder("a-ten-off", new Discount.Rate(new BigDecimal("0.9"))).build();
    private final Coupon spend150 = Coupon.builder("b-spend150", new Discount.Threshold(cny("150"), cny("20"))).build();
    private final Cart cart = Cart.of(line("tea", "drinks", 4, "40.00")); // 160.00

    @Test
    void theThresholdIsCheckedBeforeTheRateWhateverTheCallersOrder() {
        StackResult one = validator.apply(List.of(tenOff, spend150), cart, online());
        StackResult two = validator.apply(List.of(spend150, tenOff), cart, online());
        // 20.00 off 160.00, then 10% of the remaining 140.00
        assertEquals(cny("34.00"), one.totalDiscount());
        assertEquals(one.totalDiscount(), two.totalDiscount());
        assertEquals(List.of("b-spend150", "a-ten-off"), one.appliedIds());
        assertEquals(one.appliedIds(), two.appliedIds());
        assertEquals(StackResult.APPLICATION_ORDER, one.applicationOrder());
        // the best-combination search takes both, applied in the same order
        StackResult best = validator.best(List.of(tenOff, spend150), cart, online());
        assertEquals(cny("34.00"), best.totalDiscount());
        assertEquals(List.of("b-spend150", "a-ten-off"), best.appliedIds());
    }

    @Test
    void aLineDiscountIsTakenBeforeTheCoupons() {
        // 160.00 less 15.00 on the line: 145.00 no longer reaches the threshold of 150.00
        Cart promo = Cart.of(line("tea", "drinks", 4, "40.00").withDiscount(cny("15.00")));
        assertEquals(cny("145.00"), promo.total());
        StackResult r = validator.apply(List.of(tenOff, spend150), promo, online());
        assertEquals(List.of("a-ten-off"), r.appliedIds());
        assertEquals(cny("14.50"), r.totalDiscount());
    }
}
