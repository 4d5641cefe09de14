package dev.o2o.segmentation.rfm;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Money;
import dev.o2o.core.Order;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds per-customer RFM values from orders.
 *
 * <p>Per customer it keeps a small mergeable state (last purchase day, purchase days or count,
 * spend), so partitions of the orders can be summarised separately and combined with
 * {@link #merge(RfmSummarizer)}. An order counts once: an order id given twice, to one summariser
 * or to two that are merged, is refused, as reading an order file refuses an id read before; so
 * the ids of the orders given are kept too. Not thread-safe: use one per thread and merge.
 */
public final class RfmSummarizer {

    private final RfmOptions options;
    private final LocalDate endDay;
    private final Map<CustomerKey, State> states = new HashMap<>();
    /** The ids of every order given, counted or not, so that a repeated one is refused. */
    private final Set<String> orderIds = new HashSet<>();

    private static final class State {
        long lastDay = Long.MIN_VALUE;
        int count;
        Set<Long> days;
        Money spend;
    }

    /** A summariser with the given options. */
    public RfmSummarizer(RfmOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.endDay = LocalDate.ofInstant(options.end(), options.zone());
    }

    /** Summarises orders in one go. */
    public static List<CustomerRfm> summarize(Collection<Order> orders, RfmOptions options) {
        RfmSummarizer s = new RfmSummarizer(options);
        for (Order o : Objects.requireNonNull(orders, "orders")) {
            s.add(o);
        }
        return s.result();
    }

    /**
     * Adds one order; orders outside the window or not counting as purchases are ignored by
     * definition of RFM.
     *
     * @throws IllegalArgumentException if an order with the same id was given before, or the order's
     *                                  currency differs from the customer's earlier orders (nothing is
     *                                  changed then)
     */
    public RfmSummarizer add(Order order) {
        Objects.requireNonNull(order, "order");
        if (orderIds.contains(order.id())) {
            throw new IllegalArgumentException("order '" + order.id() + "' is given twice; an order counts once");
        }
        if (order.instant().isBefore(options.start()) || !order.instant().isBefore(options.end())
                || !order.status().isPurchase()) {
            orderIds.add(order.id());
            return this;
        }
        Money value = options.netRefunds() ? order.netTotal() : order.total();
        State earlier = states.get(order.customer());
        if (earlier != null && !earlier.spend.currency().equals(value.currency())) {
            throw new IllegalArgumentException("order '" + order.id() + "' of " + order.customer() + " is in "
                    + value.currency().getCurrencyCode() + ", earlier orders in "
                    + earlier.spend.currency().getCurrencyCode());
        }
        orderIds.add(order.id());
        State s = states.computeIfAbsent(order.customer(), k -> new State());
        long day = LocalDate.ofInstant(order.instant(), options.zone()).toEpochDay();
        s.lastDay = Math.max(s.lastDay, day);
        s.count++;
        if (options.mergeSameDay()) {
            if (s.days == null) {
                s.days = new HashSet<>();
            }
            s.days.add(day);
        }
        s.spend = s.spend == null ? value : s.spend.plus(value);
        return this;
    }

    /**
     * Adds another summariser's state (same options, disjoint orders) into this one.
     *
     * @throws IllegalArgumentException if the options differ or both were given an order with the
     *                                  same id (nothing is changed then)
     */
    public RfmSummarizer merge(RfmSummarizer other) {
        Objects.requireNonNull(other, "other");
        if (!other.options.equals(options)) {
            throw new IllegalArgumentException("cannot merge summarisers with different options");
        }
        for (String id : other.orderIds) {
            if (orderIds.contains(id)) {
                // the sums cannot be taken apart again, so a shared order would count twice
                throw new IllegalArgumentException("order '" + id + "' is given to both summarisers; an order counts once");
            }
        }
        orderIds.addAll(other.orderIds);
        for (Map.Entry<CustomerKey, State> e : other.states.entrySet()) {
            State o = e.getValue();
            State s = states.computeIfAbsent(e.getKey(), k -> new State());
            s.lastDay = Math.max(s.lastDay, o.lastDay);
            s.count += o.count;
            if (o.days != null) {
                if (s.days == null) {
                    s.days = new HashSet<>();
                }
                s.days.addAll(o.days);
            }
            s.spend = s.spend == null ? o.spend : s.spend.plus(o.spend);
        }
        return this;
    }

    /** The customers with at least one purchase in the window, ordered by key. */
    public List<CustomerRfm> result() {
        Map<CustomerKey, State> sorted = new TreeMap<>(states);
        List<CustomerRfm> out = new ArrayList<>(sorted.size());
        for (Map.Entry<CustomerKey, State> e : sorted.entrySet()) {
            State s = e.getValue();
            int frequency = options.mergeSameDay() ? s.days.size() : s.count;
            out.add(new CustomerRfm(e.getKey(), Math.max(0, endDay.toEpochDay() - s.lastDay), frequency, s.spend));
        }
        return out;
    }
}
