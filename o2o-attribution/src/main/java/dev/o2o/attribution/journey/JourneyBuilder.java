package dev.o2o.attribution.journey;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Order;
import dev.o2o.core.Touchpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cuts each customer's touchpoints (after identity resolution) into journeys. A purchase order (completed or
 * partially refunded, online or offline) ends a journey holding the touches since the previous order that are
 * within the lookback window; touches that fall out of every conversion window form non-converting journeys of
 * at most the lookback span, and an optional inactivity gap ends journeys too. Nothing is dropped: every
 * touchpoint ends up in exactly one journey and every purchase order ends exactly one journey. Cancelled and
 * refunded orders are not conversions and are ignored. An order counts once: an order id given twice is refused
 * ({@link IllegalArgumentException}), as reading an order file refuses an id read before.
 *
 * <p>The result is ordered by customer key, then time; touchpoints at the same instant are ordered by channel id,
 * type, campaign, store and attributes, so the result does not depend on input order. Immutable and thread-safe.
 */
public final class JourneyBuilder {

    // ties at one instant are broken by content so that the result does not depend on input order
    private static final Comparator<Touchpoint> TOUCH_ORDER = Comparator.comparing(Touchpoint::instant)
            .thenComparing(t -> t.channel().id())
            .thenComparing(Touchpoint::type)
            .thenComparing(t -> t.campaign().orElse(""))
            .thenComparing(t -> t.storeId().orElse(""))
            .thenComparing(t -> new TreeMap<>(t.attributes()).toString());

    private final JourneyOptions options;

    private JourneyBuilder(JourneyOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A builder with the given options. */
    public static JourneyBuilder of(JourneyOptions options) {
        return new JourneyBuilder(options);
    }

    /** A builder with {@link JourneyOptions#defaults()}. */
    public static JourneyBuilder withDefaults() {
        return new JourneyBuilder(JourneyOptions.defaults());
    }

    /** Builds the journeys of all customers. */
    public List<Journey> build(Iterable<Touchpoint> touchpoints, Iterable<Order> orders) {
        Objects.requireNonNull(touchpoints, "touchpoints");
        Objects.requireNonNull(orders, "orders");
        Map<CustomerKey, List<Touchpoint>> touches = new TreeMap<>();
        for (Touchpoint t : touchpoints) {
            Objects.requireNonNull(t, "touchpoint");
            touches.computeIfAbsent(t.customer(), k -> new ArrayList<>()).add(t);
        }
        Map<CustomerKey, List<Order>> byCustomer = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        for (Order o : orders) {
            Objects.requireNonNull(o, "order");
            requireNew(ids, o);
            if (o.status().isPurchase()) {
                byCustomer.computeIfAbsent(o.customer(), k -> new ArrayList<>()).add(o);
            }
        }
        TreeMap<CustomerKey, Boolean> customers = new TreeMap<>();
        touches.keySet().forEach(k -> customers.put(k, true));
        byCustomer.keySet().forEach(k -> customers.put(k, true));
        List<Journey> out = new ArrayList<>();
        for (CustomerKey c : customers.keySet()) {
            buildCustomer(c, touches.getOrDefault(c, List.of()), byCustomer.getOrDefault(c, List.of()), out);
        }
        return out;
    }

    /**
     * Builds the journeys of one customer; all touchpoints and orders must belong to {@code customer}.
     *
     * @throws IllegalArgumentException if a touchpoint or order is another customer's, or an order id is given twice
     */
    public List<Journey> buildCustomer(CustomerKey customer, List<Touchpoint> touchpoints, List<Order> orders) {
        List<Journey> out = new ArrayList<>();
        List<Order> purchases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Order o : orders) {
            requireNew(ids, o);
            if (o.status().isPurchase()) {
                purchases.add(o);
            }
        }
        buildCustomer(customer, touchpoints, purchases, out);
        return out;
    }

    private void buildCustomer(CustomerKey customer, List<Touchpoint> touchpoints, List<Order> orders, List<Journey> out) {
        List<Touchpoint> ts = new ArrayList<>(touchpoints);
        ts.sort(TOUCH_ORDER);
        List<Order> os = new ArrayList<>(orders);
        os.sort(Comparator.comparing(Order::instant).thenComparing(Order::id));
        Duration lookback = options.lookback();
        Optional<Duration> gap = options.inactivity();
        List<Touchpoint> current = new ArrayList<>();
        Instant lastEvent = null;
        int ti = 0;
        int oi = 0;
        while (ti < ts.size() || oi < os.size()) {
            // a touch at the same instant as an order counts before it
            boolean takeTouch = oi >= os.size()
                    || (ti < ts.size() && !ts.get(ti).instant().isAfter(os.get(oi).instant()));
            if (takeTouch) {
                Touchpoint t = ts.get(ti++);
                if (!t.customer().equals(customer)) {
                    throw new IllegalArgumentException("touchpoint of " + t.customer() + " given for customer " + customer);
                }
                if (!current.isEmpty()) {
                    boolean tooLong = Duration.between(current.get(0).instant(), t.instant()).compareTo(lookback) > 0;
                    boolean idle = gap.isPresent() && Duration.between(lastEvent, t.instant()).compareTo(gap.get()) > 0;
                    if (tooLong || idle) {
                        closeNonConverting(customer, current, out);
                    }
                }
                current.add(t);
                lastEvent = t.instant();
            } else {
                Order o = os.get(oi++);
                if (!o.customer().equals(customer)) {
                    throw new IllegalArgumentException("order '" + o.id() + "' of " + o.customer() + " given for customer " + customer);
                }
                if (!current.isEmpty() && gap.isPresent()
                        && Duration.between(lastEvent, o.instant()).compareTo(gap.get()) > 0) {
                    closeNonConverting(customer, current, out);
                }
                Instant from = o.instant().minus(lookback);
                int cut = 0;
                while (cut < current.size() && current.get(cut).instant().isBefore(from)) {
                    cut++;
                }
                if (cut > 0) {
                    out.add(nonConverting(customer, new ArrayList<>(current.subList(0, cut))));
                }
                List<Touchpoint> path = new ArrayList<>(current.subList(cut, current.size()));
                boolean o2o = o.isOffline() && path.stream().anyMatch(x -> x.channel().isOnline());
                out.add(new Journey(customer, path, Optional.of(o), o.instant(), o2o));
                current.clear();
                lastEvent = o.instant();
            }
        }
        closeNonConverting(customer, current, out);
    }

    /** Refuses an order whose id is in {@code ids}, which would end a second journey (a second conversion). */
    private static void requireNew(Set<String> ids, Order order) {
        if (!ids.add(order.id())) {
            throw new IllegalArgumentException("order '" + order.id() + "' is given twice; an order counts once");
        }
    }

    private static void closeNonConverting(CustomerKey customer, List<Touchpoint> current, List<Journey> out) {
        if (!current.isEmpty()) {
            out.add(nonConverting(customer, new ArrayList<>(current)));
            current.clear();
        }
    }

    private static Journey nonConverting(CustomerKey customer, List<Touchpoint> path) {
        return new Journey(customer, path, Optional.empty(), path.get(path.size() - 1).instant(), false);
    }
}
