package dev.o2o.loyalty.coupon;

import dev.o2o.core.ChannelKind;
import dev.o2o.core.GeoPoint;
import dev.o2o.core.Money;
import dev.o2o.core.OrderLine;
import dev.o2o.core.Store;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The built-in conditions. Each is an immutable, thread-safe record. */
final class Conditions {
    private Conditions() {
    }

    /**
     * A condition whose outcome does not change with the amount a coupon applies to: all built-ins
     * but the minimum spend, which the best-combination search need not check again.
     */
    interface OffBase extends CouponCondition {
        @Override
        default boolean dependsOnBase() {
            return false;
        }
    }

    private static Set<String> ids(Set<String> values, String field) {
        Objects.requireNonNull(values, field);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        for (String v : values) {
            Check.id(v, field + " entry");
        }
        return Set.copyOf(values);
    }

    record Validity(Instant from, Instant until) implements OffBase {
        Validity {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            if (!from.isBefore(until)) {
                throw new IllegalArgumentException("validity from " + from + " must be before until " + until);
            }
        }

        @Override
        public void check(ConditionInput in, Violations out) {
            Instant now = in.now();
            if (now.isBefore(from)) {
                out.add(ReasonCode.NOT_ACTIVE_YET, "valid from " + from + ", now " + now);
            } else if (!now.isBefore(until)) {
                out.add(ReasonCode.EXPIRED, "expired at " + until + ", now " + now);
            }
        }
    }

    /** The days as an unmodifiable set that iterates in week order, Monday first (for messages). */
    private static Set<DayOfWeek> weekOrder(Set<DayOfWeek> days, String field) {
        Objects.requireNonNull(days, field);
        if (days.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        for (DayOfWeek d : days) {
            Objects.requireNonNull(d, field + " entry");
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(days));
    }

    /** The day of week of a local epoch day, without allocating a date. */
    private static DayOfWeek dayOfWeek(long epochDay) {
        // 1970-01-01 was a Thursday
        return DayOfWeek.of((int) Math.floorMod(epochDay + 3, 7L) + 1);
    }

    /** The local epoch second of {@code now} in {@code zone}. */
    private static long localSecond(Instant now, ZoneId zone) {
        return now.getEpochSecond() + zone.getRules().getOffset(now).getTotalSeconds();
    }

    record Hours(Set<DayOfWeek> days, LocalTime from, LocalTime until, ZoneId zone) implements OffBase {
        Hours {
            days = weekOrder(days, "hours days");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(zone, "zone");
            if (from.equals(until)) {
                throw new IllegalArgumentException("hours from and until must differ: " + from);
            }
        }

        @Override
        public void check(ConditionInput in, Violations out) {
            // arithmetic on epoch seconds avoids allocating a ZonedDateTime on the hot path
            long local = localSecond(in.now(), zone);
            long day = Math.floorDiv(local, 86_400L);
            int second = (int) Math.floorMod(local, 86_400L);
            int start = from.toSecondOfDay();
            int end = until.toSecondOfDay();
            boolean ok;
            if (start < end) {
                ok = second >= start && second < end && days.contains(dayOfWeek(day));
            } else {
                // past midnight: the late part belongs to the day the window started on
                ok = (second >= start && days.contains(dayOfWeek(day)))
                        || (second < end && days.contains(dayOfWeek(day - 1)));
            }
            if (!ok) {
                out.add(ReasonCode.OUTSIDE_HOURS, "only " + days + " " + from + "-" + until + " " + zone);
            }
        }
    }

    record Days(Set<DayOfWeek> days, ZoneId zone) implements OffBase {
        Days {
            days = weekOrder(days, "days");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public void check(ConditionInput in, Violations out) {
            if (!days.contains(dayOfWeek(Math.floorDiv(localSecond(in.now(), zone), 86_400L)))) {
                out.add(ReasonCode.OUTSIDE_HOURS, "only " + days + " (all day) " + zone);
            }
        }
    }

    record ChannelKindOnly(ChannelKind kind) implements OffBase {
        ChannelKindOnly {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public void check(ConditionInput in, Violations out) {
            if (in.customer().channel().kind() != kind) {
                out.add(ReasonCode.CHANNEL_NOT_ALLOWED, "only " + kind + " channels, not " + in.customer().channel().id());
            }
        }
    }

    record Channels(Set<String> channelIds) implements OffBase {
        Channels {
            channelIds = ids(channelIds, "channelIds");
        }

        @Override
        public void check(ConditionInput in, Violations out) {
            if (!channelIds.contains(in.customer().channel().id())) {
                out.add(ReasonCode.CHANNEL_NOT_ALLOWED, "channel " + in.customer().channel().id() + " is not allowed");
            }
        }
    }

    record Stores(Set<String> storeIds) implements OffBase {
        Stores {
            storeIds = ids(storeIds, "storeIds");
        }

        @Override
        public void check(ConditionInput in, Violations out) {
            Optional<String> store = in.customer().storeId();
            if (store.isEmpty()) {
                out.add(ReasonCode.STORE_NOT_ALLOWED, "valid only at certain stores, and no store was given");
            } else if (!storeIds.contains(store.get())) {
                out.add(ReasonCode.STORE_NOT_ALLOWED, "store " + store.get() + " is not allowed");
            }
        }
    }

    record GeoFence(List<Store> stores, double radiusMetres) implements OffBase {
        GeoFence(Collection<Store> stores, double radiusMetres) {
            this(List.copyOf(Objects.requireNonNull(stores, "stores")), radiusMetres);
        }

        GeoFence {
            if (stores.isEmpty()) {
                throw new IllegalArgumentException("geo-fence stores must not be empty");
            }
            if (!(radiusMetres > 0) || Double.isInfinite(radiusMetres)) {
                throw new IllegalArgumentException("geo-fence radiusMetres must be positive and finite: " + radiusMetres);
            }
        }

        @Override
        public void check(ConditionInput in, Violations out) {
            Optional<GeoPoint> where = in.customer().location();
            if (where.isEmpty()) {
                out.add(ReasonCode.OUTSIDE_AREA, "location unknown; valid only within " + radiusMetres + " m of a store");
                return;
            }
            for (Store s : stores) {
                if (s.distanceMetres(where.get()) <= radiusMetres) {
                    return;
                }
            }
            out.add(ReasonCode.OUTSIDE_AREA, "not within " + radiusMetres + " m of an eligible store");
        }
    }

    record MinSpend(Money amount, long minMinor) implements CouponCondition {
        MinSpend(Money amount) {
            this(amount, Check.amount(amount, "minSpend").minorUnits());
        }

        MinSpend {
            Check.amount(amount, "minSpend");
            if (!amount.isPositive()) {
                throw new IllegalArgumentException("minSpend must be positive: " + amount);
            }
        }

        @Override
        public void check(ConditionInput in, Violations out) {
            if (!in.cart().currency().equals(amount.currency())) {
                return; // the coupon's currency: the validator reports CURRENCY_MISMATCH once
            }
            if (in.eligibleBaseMinor() < minMinor) {
                out.add(ReasonCode.MIN_SPEND_NOT_REACHED, "eligible amount " + in.eligibleBase() + " is below the minimum " + amount);
            }
        }
    }

    record LineFilter(Set<String> values, boolean bySku, boolean include) implements OffBase {
        LineFilter {
            values = ids(values, bySku ? "skus" : "categories");
        }

        @Override
        public void check(ConditionInput in, Violations out) {
            // the validator reports NO_ELIGIBLE_ITEMS once for all filters together
        }

        @Override
        public boolean eligible(OrderLine line) {
            return values.contains(bySku ? line.sku() : line.category()) == include;
        }

        @Override
        public boolean filtersLines() {
            return true;
        }
    }

    record Tiers(Set<String> tiers) implements OffBase {
        Tiers {
            tiers = ids(tiers, "tiers");
        }

        @Override
        public void check(ConditionInput in, Violations out) {
            Optional<String> t = in.customer().tier();
            if (t.isEmpty() || !tiers.contains(t.get())) {
                out.add(ReasonCode.CUSTOMER_NOT_ELIGIBLE, "customer tier is not one of " + tiers);
            }
        }
    }

    record AnyTag(Set<String> tags) implements OffBase {
        AnyTag {
            tags = ids(tags, "tags");
        }

        @Override
        public void check(ConditionInput in, Violations out) {
            for (String t : in.customer().tags()) {
                if (tags.contains(t)) {
                    return;
                }
            }
            out.add(ReasonCode.CUSTOMER_NOT_ELIGIBLE, "customer has none of the tags " + tags);
        }
    }

    enum FirstOrder implements OffBase {
        INSTANCE;

        @Override
        public void check(ConditionInput in, Violations out) {
            if (in.customer().completedOrders() > 0) {
                out.add(ReasonCode.CUSTOMER_NOT_ELIGIBLE, "first order only; customer has "
                        + in.customer().completedOrders() + " earlier orders");
            }
        }
    }
}
