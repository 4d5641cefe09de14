package dev.o2o.core.profile;

import dev.o2o.core.ChannelKind;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The mergeable per-customer state behind a {@link CustomerProfile}: counts, sums in minor
 * units, min/max instants, per-channel and per-store counters, and the instants the O2O flags
 * need. Two states of the same customer built from disjoint sets of events
 * {@link #merge(ProfileState) merge} into exactly the state built from all of them, in any
 * order, so the same code can run per partition on a distributed engine.
 *
 * <p>Orders count once by id: an order whose id the state has counted already is ignored
 * ({@link #addIfNew(Order)} says so), so replaying an order file or retrying a delivery does not
 * double revenue or frequency. The first version of an order counts; a later version under the
 * same id (say with a refund) is ignored too, so send refunds as their own orders or rebuild.
 * States to be merged must not share an order id ({@link #merge} refuses).
 *
 * <p>Memory is constant per customer except for the O2O instants (8 bytes per touchpoint and
 * purchase), which exact O2O flags across partitions need, and the ids of the orders counted.
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
    private final TreeSet<String> orderIds = new TreeSet<>();

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
     * Adds an order of this customer, unless an order with its id was counted already (see the
     * class comment).
     *
     * @throws IllegalArgumentException if it belongs to another customer or is in another currency
     */
    public ProfileState add(Order order) {
        addIfNew(order);
        return this;
    }

    /** Whether an order with this id has been counted. */
    public boolean hasOrder(String orderId) {
        return orderIds.contains(Objects.requireNonNull(orderId, "orderId"));
    }

    /**
     * Adds an order of this customer and returns true, or returns false and changes nothing if an
     * order with its id was counted already.
     *
     * @throws IllegalArgumentException if it belongs to another customer or is in another currency
     */
    public boolean addIfNew(Order order) {
        Objects.requireNonNull(order, "order");
        if (!order.customer().equals(customer)) {
            throw new IllegalArgumentException("order '" + order.id() + "' of customer " + order.customer()
                    + " added to the profile of " + customer);
        }
        if (!order.currency().equals(config.currency())) {
            throw new IllegalArgumentException("order '" + order.id() + "' is in " + order.currency().getCurrencyCode()
                    + ", profiles are kept in " + config.currency().getCurrencyCode());
        }
        if (!orderIds.add(order.id())) {
            return false;
        }
        if (order.refunded().isPositive()) {
            refunds++;
            refundedMinor = Math.addExact(refundedMinor, order.refunded().minorUnits());
        }
        if (order.status() == OrderStatus.CANCELLED) {
            cancelled++;
        }
        if (!order.status().isPurchase()) {
            return true;
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
        return true;
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
        for (String id : other.orderIds) {
            if (orderIds.contains(id)) {
                // the sums cannot be taken apart again, so a shared order would count twice
                throw new IllegalArgumentException("cannot merge the profile of " + other.customer + " into " + customer
                        + ": both counted order '" + id + "'");
            }
        }
        orderIds.addAll(other.orderIds);
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

    /**
     * The state as bytes, for engines that ship partial states between machines (a Spark
     * aggregation buffer); {@link #fromBytes} reads them back. The customer and the
     * configuration are not included: the reader supplies them.
     */
    public byte[] toBytes() {
        return encode();
    }

    /**
     * The state that {@link #toBytes} wrote, for {@code customer} under {@code config}.
     *
     * @throws IllegalArgumentException if the bytes are not such a state
     */
    public static ProfileState fromBytes(CustomerKey customer, ProfileConfig config, byte[] data) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(config, "config");
        return decode(customer, config, Objects.requireNonNull(data, "data"));
    }

    // ---------------------------------------------------------------- persistence

    /** The state as bytes for a store ({@link #decode} reads them back); the customer and configuration are not included. */
    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            for (long v : new long[] {onlineOrders, offlineOrders, onlineSpendMinor, offlineSpendMinor, refunds,
                    refundedMinor, cancelled, touchpoints, couponsReceived, couponsRedeemed, firstPurchase,
                    firstPurchaseNanos, lastPurchase, lastPurchaseNanos}) {
                out.writeLong(v);
            }
            writeCounts(out, touchpointsByChannel);
            writeCounts(out, ordersByChannel);
            out.writeInt(stores.size());
            for (Map.Entry<String, long[]> e : stores.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue()[0]);
                out.writeLong(e.getValue()[1]);
            }
            for (Instants list : new Instants[] {onlineTouches, offlineTouches, onlinePurchases, offlinePurchases}) {
                out.writeInt(list.size);
                for (int i = 0; i < list.size; i++) {
                    out.writeLong(list.values[i]);
                }
            }
            out.writeInt(orderIds.size());
            for (String id : orderIds) {
                out.writeUTF(id);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
    }

    private static final int FORMAT = 1;

    private static void writeCounts(DataOutputStream out, TreeMap<String, Long> counts) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static void readCounts(DataInputStream in, TreeMap<String, Long> counts) throws IOException {
        for (int n = in.readInt(), i = 0; i < n; i++) {
            counts.put(in.readUTF(), in.readLong());
        }
    }

    /**
     * The state {@link #encode} wrote, for {@code customer} under {@code config}.
     *
     * @throws IllegalArgumentException if the bytes are not such a state
     */
    static ProfileState decode(CustomerKey customer, ProfileConfig config, byte[] data) {
        ProfileState s = new ProfileState(customer, config);
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            int format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("stored profile of " + customer + " has format " + format
                        + ", this version reads " + FORMAT);
            }
            s.onlineOrders = in.readLong();
            s.offlineOrders = in.readLong();
            s.onlineSpendMinor = in.readLong();
            s.offlineSpendMinor = in.readLong();
            s.refunds = in.readLong();
            s.refundedMinor = in.readLong();
            s.cancelled = in.readLong();
            s.touchpoints = in.readLong();
            s.couponsReceived = in.readLong();
            s.couponsRedeemed = in.readLong();
            s.firstPurchase = in.readLong();
            s.firstPurchaseNanos = (int) in.readLong();
            s.lastPurchase = in.readLong();
            s.lastPurchaseNanos = (int) in.readLong();
            readCounts(in, s.touchpointsByChannel);
            readCounts(in, s.ordersByChannel);
            for (int n = in.readInt(), i = 0; i < n; i++) {
                s.stores.put(in.readUTF(), new long[] {in.readLong(), in.readLong()});
            }
            for (Instants list : new Instants[] {s.onlineTouches, s.offlineTouches, s.onlinePurchases, s.offlinePurchases}) {
                for (int n = in.readInt(), i = 0; i < n; i++) {
                    list.add(in.readLong());
                }
            }
            for (int n = in.readInt(), i = 0; i < n; i++) {
                s.orderIds.add(in.readUTF());
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("stored profile of " + customer + " has " + in.available()
                        + " bytes after its end");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("stored profile of " + customer + " is cut short", e);
        }
        return s;
    }

    /** A copy of this state (for stores that hand states out). */
    ProfileState copy() {
        return decode(customer, config, encode());
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
