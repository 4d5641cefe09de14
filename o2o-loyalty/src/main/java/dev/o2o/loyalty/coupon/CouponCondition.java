package dev.o2o.loyalty.coupon;

import dev.o2o.core.ChannelKind;
import dev.o2o.core.Money;
import dev.o2o.core.OrderLine;
import dev.o2o.core.Store;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * A rule a coupon must satisfy: the extension point of validation. A condition reports every
 * failure it finds to {@link Violations}; a condition may also restrict which lines are
 * eligible ({@link #eligible(OrderLine)}).
 *
 * <p>Built-ins come from the static factories here. The limits a store enforces (quantity, budget,
 * per customer) and the stores a coupon is valid at are not conditions: they are set on
 * {@link Coupon.Builder}. Implementations must be immutable and thread-safe: one coupon is
 * validated by many threads at once.
 */
@FunctionalInterface
public interface CouponCondition {

    /** Checks the condition and reports each failure to {@code out}. */
    void check(ConditionInput in, Violations out);

    /** Whether a line may receive the discount; the default accepts every line. */
    default boolean eligible(OrderLine line) {
        return true;
    }

    /** True if {@link #eligible(OrderLine)} is overridden to filter lines. */
    default boolean filtersLines() {
        return false;
    }

    /**
     * Whether the outcome can change with the amount the coupon applies to or with its discount
     * (minimum spend, budget). The best-combination search re-checks only these; the default is
     * the safe {@code true}.
     */
    default boolean dependsOnBase() {
        return true;
    }

    /** Valid from {@code from} (inclusive) until {@code until} (exclusive): NOT_ACTIVE_YET, EXPIRED. */
    static CouponCondition validity(Instant from, Instant until) {
        return new Conditions.Validity(from, until);
    }

    /** Valid between two local date-times in a zone, the end exclusive. */
    static CouponCondition validity(LocalDateTime from, LocalDateTime until, ZoneId zone) {
        return new Conditions.Validity(from.atZone(zone).toInstant(), until.atZone(zone).toInstant());
    }

    /** Valid on the days {@code first} to {@code last} (both inclusive), whole days in {@code zone}. */
    static CouponCondition validDays(LocalDate first, LocalDate last, ZoneId zone) {
        return new Conditions.Validity(first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /**
     * Only on the given days of week, from {@code from} (inclusive) to {@code until} (exclusive)
     * local time in {@code zone}; a window with {@code until} before {@code from} runs past
     * midnight and belongs to the day it starts on: OUTSIDE_HOURS. The message lists the days in
     * week order, Monday first. For whole days use {@link #days}, {@link #weekdays} or
     * {@link #weekends}.
     */
    static CouponCondition hours(Set<DayOfWeek> days, LocalTime from, LocalTime until, ZoneId zone) {
        return new Conditions.Hours(days, from, until, zone);
    }

    /**
     * All day on the given days of week, local days in {@code zone} (midnight to midnight):
     * OUTSIDE_HOURS. The message lists the days in week order.
     */
    static CouponCondition days(Set<DayOfWeek> days, ZoneId zone) {
        return new Conditions.Days(days, zone);
    }

    /** All day Monday to Friday in {@code zone}: OUTSIDE_HOURS on a weekend. */
    static CouponCondition weekdays(ZoneId zone) {
        return new Conditions.Days(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), zone);
    }

    /** All day Saturday and Sunday in {@code zone}: OUTSIDE_HOURS on a weekday. */
    static CouponCondition weekends(ZoneId zone) {
        return new Conditions.Days(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), zone);
    }

    /** Only through channels of one kind (online or offline): CHANNEL_NOT_ALLOWED. */
    static CouponCondition channelKind(ChannelKind kind) {
        return new Conditions.ChannelKindOnly(kind);
    }

    /** Only through the listed channel ids: CHANNEL_NOT_ALLOWED. */
    static CouponCondition channels(Set<String> channelIds) {
        return new Conditions.Channels(channelIds);
    }

    /** The customer must be within {@code radiusMetres} of one of the stores: OUTSIDE_AREA. */
    static CouponCondition geoFence(Collection<Store> stores, double radiusMetres) {
        return new Conditions.GeoFence(stores, radiusMetres);
    }

    /** The eligible lines must add up to at least {@code amount} (below {@link Money#TEXT_LIMIT}): MIN_SPEND_NOT_REACHED. */
    static CouponCondition minSpend(Money amount) {
        return new Conditions.MinSpend(amount);
    }

    /** Only these SKUs are eligible. */
    static CouponCondition includeSkus(Set<String> skus) {
        return new Conditions.LineFilter(skus, true, true);
    }

    /** These SKUs are not eligible. */
    static CouponCondition excludeSkus(Set<String> skus) {
        return new Conditions.LineFilter(skus, true, false);
    }

    /** Only these categories are eligible. */
    static CouponCondition includeCategories(Set<String> categories) {
        return new Conditions.LineFilter(categories, false, true);
    }

    /** These categories are not eligible. */
    static CouponCondition excludeCategories(Set<String> categories) {
        return new Conditions.LineFilter(categories, false, false);
    }

    /** The customer's tier must be one of these: CUSTOMER_NOT_ELIGIBLE. */
    static CouponCondition tiers(Set<String> tiers) {
        return new Conditions.Tiers(tiers);
    }

    /** The customer must carry at least one of these tags: CUSTOMER_NOT_ELIGIBLE. */
    static CouponCondition anyTag(Set<String> tags) {
        return new Conditions.AnyTag(tags);
    }

    /** Only on the customer's first order: CUSTOMER_NOT_ELIGIBLE. */
    static CouponCondition firstOrderOnly() {
        return Conditions.FirstOrder.INSTANCE;
    }
}
