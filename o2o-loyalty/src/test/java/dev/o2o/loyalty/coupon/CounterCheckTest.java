package dev.o2o.loyalty.coupon;

import static dev.o2o.loyalty.coupon.Fixtures.ALICE;
import static dev.o2o.loyalty.coupon.Fixtures.NOW;
import static dev.o2o.loyalty.coupon.Fixtures.cny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: verification at a counter runs every condition that can be known without the cart,
 * so that it does not answer OK for a code that redemption then refuses.
 */
class CounterCheckTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final CouponStore store = CouponStore.inMemory();
    private final CouponCodes codes = CouponCodes.generator(new SecureRandom());

    private String issue(CouponService service, String couponId) {
        String code = codes.next();
        assertTrue(store.issue(code, couponId, ALICE, NOW));
        return code;
    }

    private CouponService service(Coupon coupon) {
        return CouponService.create(List.of(coupon), store, Fixtures.CLOCK, ValidationOptions.defaults());
    }

    @Test
    void anExpiredCouponIsRefusedAtTheCounter() {
        Coupon expired = Coupon.builder("expired", new Discount.FixedAmount(cny("5")))
                .condition(CouponCondition.validity(NOW.minus(Duration.ofDays(30)), NOW.minusSeconds(1))).build();
        CouponService service = service(expired);
        StoreOutcome out = service.verifyAtStore(issue(service, "expired"), "S1", "cashier-1");
        assertEquals(Optional.of(ReasonCode.EXPIRED), out.reason());
    }

    @Test
    void aCouponOutsideItsHoursIsRefusedAtTheCounter() {
        // NOW is a Wednesday, 18:00 in Shanghai
        Coupon mornings = Coupon.builder("mornings", new Discount.FixedAmount(cny("5")))
                .condition(CouponCondition.hours(EnumSet.allOf(DayOfWeek.class), LocalTime.of(7, 0),
                        LocalTime.of(11, 0), SHANGHAI)).build();
        CouponService service = service(mornings);
        assertEquals(Optional.of(ReasonCode.OUTSIDE_HOURS),
                service.verifyAtStore(issue(service, "mornings"), "S1", "cashier-1").reason());
    }

    @Test
    void aCustomerOverTheLimitIsRefusedAtTheCounter() {
        Coupon once = Coupon.builder("once", new Discount.FixedAmount(cny("5"))).perCustomerLimit(1).build();
        CouponService service = service(once);
        String first = issue(service, "once");
        String second = issue(service, "once");
        CustomerContext atS1 = CustomerContext.of(ALICE, Fixtures.POS).atStore("S1");
        assertTrue(service.redeemAtStore("k1", first, "o1", Fixtures.cart(), atS1, "cashier-1").isSuccess());
        assertEquals(Optional.of(ReasonCode.PER_CUSTOMER_LIMIT),
                service.verifyAtStore(second, "S1", "cashier-1").reason());
    }

    @Test
    void aValidCodeStillPassesAtItsStore() {
        Coupon s1Only = Coupon.builder("s1only", new Discount.FixedAmount(cny("5"))).stores(Set.of("S1")).build();
        CouponService service = service(s1Only);
        String code = issue(service, "s1only");
        assertTrue(service.verifyAtStore(code, "S1", "cashier-1").isSuccess());
        assertEquals(Optional.of(ReasonCode.STORE_NOT_ALLOWED), service.verifyAtStore(code, "S2", "cashier-1").reason());
    }

    @Test
    void theFullCheckReportsTheFenceAndTheTierAndListsWhatTheCartMustStillMeet() {
        dev.o2o.core.Store square = new dev.o2o.core.Store("S1", "Square", dev.o2o.core.GeoPoint.of(31.2304, 121.4737));
        Coupon near = Coupon.builder("near", new Discount.Threshold(cny("150"), cny("20")))
                .condition(CouponCondition.geoFence(List.of(square), 500))
                .condition(CouponCondition.tiers(Set.of("gold")))
                .condition(CouponCondition.excludeCategories(Set.of("gift")))
                .totalBudget(cny("1000"))
                .build();
        CouponService service = service(near);
        String code = issue(service, "near");
        CustomerContext farSilver = CustomerContext.of(ALICE, Fixtures.POS).atStore("S1")
                .at(dev.o2o.core.GeoPoint.of(31.2215, 121.5440)).withTier("silver");
        CounterCheck far = service.verifyAtStore(code, farSilver, "cashier-1");
        assertEquals(List.of(ReasonCode.OUTSIDE_AREA, ReasonCode.CUSTOMER_NOT_ELIGIBLE), far.codes());
        CounterCheck ok = service.verifyAtStore(code, farSilver.at(square.location()).withTier("gold"), "cashier-1");
        assertTrue(ok.passed(), ok.toString());
        assertEquals(Optional.of("near"), ok.couponId());
        assertEquals(List.of("eligible lines worth at least 150.00 CNY (for 20.00 CNY off)",
                "not categories [gift] eligible",
                "the discount within what is left of the budget of 1000.00 CNY"), ok.remaining());
        // the short form leaves the customer's profile to redemption
        assertTrue(service.verifyAtStore(code, "S1", "cashier-1").isSuccess());
        // another customer's context does not find the code
        CustomerContext bob = CustomerContext.of(dev.o2o.core.CustomerKey.of("bob"), Fixtures.POS).atStore("S1");
        assertEquals(List.of(ReasonCode.NOT_FOUND), service.verifyAtStore(code, bob, "cashier-1").codes());
    }
}
