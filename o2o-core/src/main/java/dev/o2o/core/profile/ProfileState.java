package dev.o2o.core.profile;

import dev.o2o.core.ChannelKind;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The mergeable per-customer state behind a {@link CustomerProfile}: counts, sums in minor
 * units, min/max instants, per-channel and per-store counters, and the instants the O2O flags
 * need. Two states of the same customer built from disjoint sets of events
 * {@link #merge(ProfileState) merge} into exactly the state built from all of them, in any
 * order, so the same code can run per partition on a distributed engine.
 *
 * <p>Memory is constant per customer except for the O2O instants (8 bytes per touchpoint and
 * purchase), which exact O2O flags across partitions need.
 *
 * <p>Not thread-safe: a state is mutated by {@code add} and {@code merge}; confine it to one thread.
 */
public final class ProfileState {

    private final CustomerKey customer;
    private final ProfileConfig config;

    private long onlineOrders;
    private long offlineOrders;
    private long onlineSpendMinor;
    private long offlineSpendMinor;
    private long refunds;
    private long refundedMinor;
    private long cancelled;
    private long touchpoints;
    private long couponsReceived;
    private long couponsRedeemed;
    private long firstPurchase = Long.MAX_VALUE; // epoch seconds and nanos packed below
    private int firstPurchaseNanos;
    private long lastPurchase = Long.MIN_VALUE;
    private int lastPurchaseNanos;
    private final TreeMap<String, Long> touchpointsByChannel = new TreeMap<>();
    private final TreeMap<String, Long> ordersByChannel = new TreeMap<>();
    // store id -> {purchases, epoch millis of the last one}
    private final TreeMap<String, long[]> stores = new TreeMap<>();
    private final Instants onlineTouches = new Instants();
    private final Instants offlineTouches = new Instants();
    private final Instants onlinePurchases = new Instants();
    private final Instants offlinePurchases = new Instants();

    private ProfileState(CustomerKey customer, ProfileConfig config) {
        this.customer = Objects.requireNonNull(customer, "customer");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** An empty state for a customer. */
    public static ProfileState empty(CustomerKey customer, ProfileConfig config) {
        return new ProfileState(customer, config);
    }

    public CustomerKey customer() {
        return customer;
    }

    public ProfileConfig config() {
        return config;
    }

    /**
     * Adds a touchpoint of this customer.
     *
     * @throws IllegalArgumentException if it belongs to another customer
     */
    public ProfileState add(Touchpoint touchpoint) {
        Objects.requireNonNull(touchpoint, "touchpoint");
        if (!touchpoint.customer().equals(customer)) {
            throw new IllegalArgumentException("touchpoint of customer " + touchpoint.customer()
                    + " added to the profile of " + customer);
        }
        touchpoints++;
        touchpointsByChannel.merge(touchpoint.channel().id(), 1L, Long::sum);
        if (touchpoint.type() == TouchpointType.COUPON_RECEIVED) {
            couponsReceived++;
        } else if (touchpoint.type() == TouchpointType.COUPON_REDEEMED) {
            couponsRedeemed++;
        }
        (touchpoint.channel().kind() == ChannelKind.ONLINE ? onlineTouches : offlineTouches)
                .add(touchpoint.instant().toEpochMilli());
        return this;
    }

    /**
     * Adds an order of this customer.
     *
     * @throws IllegalArgumentException if it belongs to another customer or is in another currency
     */
    public ProfileState add(Order order) {
        Objects.requireNonNull(order, "order");
        if (!order.customer().equals(customer)) {
            throw new IllegalArgumentException("order '" + order.id() + "' of customer " + order.customer()
                    + " added to the profile of " + customer);
        }
        if (!order.currency().equals(config.currency())) {
            throw new IllegalArgumentException("order '" + order.id() + "' is in " + order.currency().getCurrencyCode()
                    + ", profiles are kept in " + config.currency().getCurrencyCode());
        }
        if (order.refunded().isPositive()) {
            refunds++;
            refundedMinor = Math.addExact(refundedMinor, order.refunded().minorUnits());
        }
        if (order.status() == OrderStatus.CANCELLED) {
            cancelled++;
        }
        if (!order.status().isPurchase()) {
            return this;
        }
        long net = order.netTotal().minorUnits();
        long millis = order.instant().toEpochMilli();
        if (order.channel().isOnline()) {
            onlineOrders++;
            onlineSpendMinor = Math.addExact(onlineSpendMinor, net);
            onlinePurchases.add(millis);
        } else {
            offlineOrders++;
            offlineSpendMinor = Math.addExact(offlineSpendMinor, net);
            offlinePurchases.add(millis);
        }
        ordersByChannel.merge(order.channel().id(), 1L, Long::sum);
        order.storeId().ifPresent(store -> {
            long[] s = stores.computeIfAbsent(store, k -> new long[] {0, Long.MIN_VALUE});
            s[0]++;
            s[1] = Math.max(s[1], millis);
        });
        notePurchase(order.instant().getEpochSecond(), order.instant().getNano());
        return this;
    }

    private void notePurchase(long seconds, int nanos) {
        if (seconds < firstPurchase || seconds == firstPurchase && nanos < firstPurchaseNanos) {
            firstPurchase = seconds;
            firstPurchaseNanos = nanos;
        }
        if (seconds > lastPurchase || seconds == lastPurchase && nanos > lastPurchaseNanos) {
            lastPurchase = seconds;
            lastPurchaseNanos = nanos;
        }
    }

    /**
     * Adds the other state's events to this one (the other is not changed).
     *
     * @throws IllegalArgumentException if the other state is of another customer or configuration
     */
    public ProfileState merge(ProfileState other) {
        Objects.requireNonNull(other, "other");
        if (!other.customer.equals(customer)) {
            throw new IllegalArgumentException("cannot merge the profile of " + other.customer + " into " + customer);
        }
        mergeEvents(other);
        return this;
    }

    /** Adds the other's events regardless of its customer (used when identities merge). */
    void mergeEvents(ProfileState other) {
        if (!other.config.equals(config)) {
            throw new IllegalArgumentException("cannot merge profiles built with different configurations: "
                    + other.config + " and " + config);
        }
        if (other == this) {
            throw new IllegalArgumentException("cannot merge a profile state with itself");
        }
        onlineOrders += other.onlineOrders;
        offlineOrders += other.offlineOrders;
        onlineSpendMinor = Math.addExact(onlineSpendMinor, other.onlineSpendMinor);
        offlineSpendMinor = Math.addExact(offlineSpendMinor, other.offlineSpendMinor);
        refunds += other.refunds;
        refundedMinor = Math.addExact(refundedMinor, other.refundedMinor);
        cancelled += other.cancelled;
        touchpoints += other.touchpoints;
        couponsReceived += other.couponsReceived;
        couponsRedeemed += other.couponsRedeemed;
        if (other.onlineOrders + other.offlineOrders > 0) {
            notePurchase(other.firstPurchase, other.firstPurchaseNanos);
            notePurchase(other.lastPurchase, other.lastPurchaseNanos);
        }
        other.touchpointsByChannel.forEach((k, v) -> touchpointsByChannel.merge(k, v, Long::sum));
        other.ordersByChannel.forEach((k, v) -> ordersByChannel.merge(k, v, Long::sum));
        other.stores.forEach((k, v) -> {
            long[] s = stores.computeIfAbsent(k, x -> new long[] {0, Long.MIN_VALUE});
            s[0] += v[0];
            s[1] = Math.max(s[1], v[1]);
        });
        onlineTouches.addAll(other.onlineTouches);
        offlineTouches.addAll(other.offlineTouches);
        onlinePurchases.addAll(other.onlinePurchases);
        offlinePurchases.addAll(other.offlinePurchases);
    }

    /** The profile as of the clock's current instant. */
    public CustomerProfile profile(Clock clock) {
        return profile(Objects.requireNonNull(clock, "clock").instant());
    }

    /** The profile as of an instant. */
    public CustomerProfile profile(Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        boolean bought = onlineOrders + offlineOrders > 0;
        Optional<Instant> first = bought ? Optional.of(Instant.ofEpochSecond(firstPurchase, firstPurchaseNanos)) : Optional.empty();
        Optional<Instant> last = bought ? Optional.of(Instant.ofEpochSecond(lastPurchase, lastPurchaseNanos)) : Optional.empty();
        OptionalLong days = last.map(l -> OptionalLong.of(ChronoUnit.DAYS.between(
                l.atZone(config.zone()).toLocalDate(), asOf.atZone(config.zone()).toLocalDate())))
                .orElse(OptionalLong.empty());
        long window = config.o2oWindow().toMillis();
        return new CustomerProfile(customer, asOf, first, last, days, onlineOrders, offlineOrders,
                Money.ofMinor(onlineSpendMinor, config.currency()), Money.ofMinor(offlineSpendMinor, config.currency()),
                refunds, Money.ofMinor(refundedMinor, config.currency()), cancelled, touchpoints,
                touchpointsByChannel, ordersByChannel, preferredStore(), couponsReceived, couponsRedeemed,
                conversions(onlineTouches, offlinePurchases, window), conversions(offlineTouches, onlinePurchases, window));
    }

    private Optional<String> preferredStore() {
        String best = null;
        long[] bestStat = null;
        for (Map.Entry<String, long[]> e : stores.entrySet()) {
            long[] s = e.getValue();
            // entries come in id order, so on a full tie the smaller id stays
            if (bestStat == null || s[0] > bestStat[0] || s[0] == bestStat[0] && s[1] > bestStat[1]) {
                best = e.getKey();
                bestStat = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Purchases with a touch in [purchase - window, purchase]. */
    private static long conversions(Instants touches, Instants purchases, long window) {
        long[] t = touches.sorted();
        long[] p = purchases.sorted();
        long n = 0;
        int j = 0;
        for (long purchase : p) {
            // advance to the last touch at or before the purchase; purchases are sorted, so j only moves forward
            while (j < t.length && t[j] <= purchase) {
                j++;
            }
            if (j > 0 && purchase - t[j - 1] <= window) {
                n++;
            }
        }
        return n;
    }

    /** A growable list of epoch millis. */
    private static final class Instants {
        private long[] values = new long[0];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.max(4, size * 2));
            }
            values[size++] = v;
        }

        void addAll(Instants other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
