package dev.o2o.loyalty.coupon;

import static dev.o2o.loyalty.coupon.Fixtures.ALICE;
import static dev.o2o.loyalty.coupon.Fixtures.cart;
import static dev.o2o.loyalty.coupon.Fixtures.cny;
import static dev.o2o.loyalty.coupon.Fixtures.online;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 23: {@code CouponService.issue}, and whole-day conditions (weekdays, weekends, days). */
class IssueAndDaysTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void issueStoresAFreshWellFormedCodeForTheCustomer() {
        CouponStore store = CouponStore.inMemory();
        Coupon five = Coupon.builder("five", new Discount.FixedAmount(cny("5"))).build();
        CouponService service = CouponService.create(List.of(five), store, Fixtures.CLOCK, ValidationOptions.defaults());
        IssuedCode a = service.issue("five", ALICE);
        IssuedCode b = service.issue("five", ALICE, CouponCodes.generator(new SecureRandom()));
        assertTrue(CouponCodes.isWellFormed(a.code()));
        assertEquals("five", a.couponId());
        assertEquals(ALICE, a.customer());
        assertEquals(CodeState.ISSUED, a.state());
        assertEquals(Fixtures.NOW, a.issuedAt());
        assertTrue(!a.code().equals(b.code()));
        assertTrue(service.validateCode(a.code(), cart(), online()).isValid());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> service.issue("ten", ALICE));
        assertEquals("no coupon 'ten' in this service", e.getMessage());
        // a generator that repeats itself gives up after ISSUE_ATTEMPTS draws
        CouponCodes same = CouponCodes.generator(new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 7);
            }

            @Override
            public int nextInt(int bound) {
                return 7 % bound;
            }

            @Override
            public long nextLong() {
                return 7;
            }
        });
        service.issue("five", ALICE, same);
        assertThrows(IllegalStateException.class, () -> service.issue("five", ALICE, same));
    }

    private static ValidationResult at(String instant, CouponCondition c) {
        Coupon coupon = Coupon.builder("d", new Discount.FixedAmount(cny("5"))).condition(c).build();
        return CouponValidator.create(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC)).validate(coupon, cart(), online());
    }

    @Test
    void wholeDaysInTheZoneFromMidnightToMidnight() {
        // Friday 2026-07-17 23:59 in Shanghai is 15:59 UTC; Saturday begins at 16:00 UTC
        String fridayLate = "2026-07-17T15:59:59Z";
        String saturdayEarly = "2026-07-17T16:00:00Z";
        assertTrue(at(fridayLate, CouponCondition.weekdays(SHANGHAI)).isValid());
        assertEquals(List.of(ReasonCode.OUTSIDE_HOURS), at(saturdayEarly, CouponCondition.weekdays(SHANGHAI)).codes());
        assertTrue(at(saturdayEarly, CouponCondition.weekends(SHANGHAI)).isValid());
        ValidationResult friday = at(fridayLate, CouponCondition.weekends(SHANGHAI));
        assertEquals("only [SATURDAY, SUNDAY] (all day) Asia/Shanghai", friday.violations().get(0).message());
        ValidationResult days = at(fridayLate, CouponCondition.days(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY), SHANGHAI));
        assertEquals("only [MONDAY, SUNDAY] (all day) Asia/Shanghai", days.violations().get(0).message());
        assertThrows(IllegalArgumentException.class, () -> CouponCondition.days(EnumSet.noneOf(DayOfWeek.class), SHANGHAI));
    }
}
