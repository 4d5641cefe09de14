package dev.o2o.loyalty.coupon;

import static dev.o2o.loyalty.coupon.Fixtures.CLOCK;
import static dev.o2o.loyalty.coupon.Fixtures.cart;
import static dev.o2o.loyalty.coupon.Fixtures.cny;
import static dev.o2o.loyalty.coupon.Fixtures.online;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 23: the built-in hours message lists its days in week order, Monday first. */
class HoursMessageTest {

    @Test
    void daysAreListedInWeekOrder() {
        Set<DayOfWeek> days = Set.of(DayOfWeek.SUNDAY, DayOfWeek.FRIDAY, DayOfWeek.MONDAY, DayOfWeek.SATURDAY,
                DayOfWeek.TUESDAY, DayOfWeek.THURSDAY);
        Coupon c = Coupon.builder("h", new Discount.FixedAmount(cny("5")))
                .condition(CouponCondition.hours(days, LocalTime.of(7, 0), LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai")))
                .build();
        ValidationResult r = CouponValidator.create(CLOCK).validate(c, cart(), online());
        assertEquals("only [MONDAY, TUESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY] 07:00-08:00 Asia/Shanghai",
                r.violations().get(0).message());
    }
}
