package dev.o2o.segmentation.lifecycle;

import dev.o2o.core.CustomerKey;
import dev.o2o.core.Order;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides a customer's {@link LifecycleStage} from the days of their purchases.
 *
 * <p>The rules, in order: a customer whose first purchase is less than {@code newDays} before
 * the as-of day is {@link LifecycleStage#NEW}; one whose last purchase is at least the churn
 * threshold ago is {@link LifecycleStage#CHURNED}; at least the sleeping threshold ago,
 * {@link LifecycleStage#SLEEPING}; otherwise {@link LifecycleStage#WON_BACK} if the gap before
 * the last purchase reached the churn threshold, else {@link LifecycleStage#ACTIVE}.
 * Thresholds are fixed day counts ({@link #fixed}) or multiples of the customer's own median
 * inter-purchase gap ({@link #relative}).
 *
 * <p>A per-customer function, so it runs the same on any engine. Implementations are immutable
 * and thread-safe.
 */
public interface LifecyclePolicy {

    /**
     * The stage on {@code asOf}, from the customer's purchase days (any order, repeats allowed;
     * purchases after {@code asOf} are not seen).
     *
     * @throws IllegalArgumentException if there is no purchase on or before {@code asOf}
     */
    LifecycleStage stageOf(Collection<LocalDate> purchaseDays, LocalDate asOf);

    /**
     * The stage of every customer of {@code purchaseDays} on {@code asOf}, sorted by customer: {@link #stageOf} per
     * customer, in one call.
     *
     * @throws IllegalArgumentException naming the customer if one has no purchase on or before {@code asOf}
     */
    default <K extends Comparable<? super K>> SortedMap<K, LifecycleStage> stagesOf(
            Map<K, ? extends Collection<LocalDate>> purchaseDays, LocalDate asOf) {
        Objects.requireNonNull(purchaseDays, "purchaseDays");
        Objects.requireNonNull(asOf, "asOf");
        SortedMap<K, LifecycleStage> stages = new TreeMap<>();
        purchaseDays.forEach((customer, days) -> {
            try {
                stages.put(customer, stageOf(days, asOf));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("customer " + customer + ": " + e.getMessage(), e);
            }
        });
        return Collections.unmodifiableSortedMap(stages);
    }

    /**
     * The stage on {@code asOf} of every customer with a purchase (an order whose status
     * {@linkplain dev.o2o.core.OrderStatus#isPurchase() is a purchase}) on or before that day, its days taken in
     * {@code zone}; sorted by customer. Cancelled and fully refunded orders do not count, and orders after
     * {@code asOf} are not seen, as with {@link #stageOf}: a customer whose first purchase comes later has no stage
     * yet and is not in the map.
     */
    default SortedMap<CustomerKey, LifecycleStage> stagesOf(Iterable<Order> orders, ZoneId zone, LocalDate asOf) {
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(asOf, "asOf");
        Map<CustomerKey, List<LocalDate>> days = new HashMap<>();
        for (Order o : orders) {
            LocalDate day = LocalDate.ofInstant(o.instant(), zone);
            if (o.status().isPurchase() && !day.isAfter(asOf)) {
                days.computeIfAbsent(o.customer(), k -> new ArrayList<>()).add(day);
            }
        }
        return stagesOf(days, asOf);
    }

    /**
     * Fixed thresholds in days.
     *
     * @param newDays      a first purchase less than this many days ago makes a new customer, {@code >= 0}
     * @param sleepingDays days without purchase after which a customer sleeps, {@code >= 1}
     * @param churnedDays  days without purchase after which a customer has churned, {@code > sleepingDays}
     */
    static LifecyclePolicy fixed(int newDays, int sleepingDays, int churnedDays) {
        return new FixedPolicy(newDays, sleepingDays, churnedDays);
    }

    /**
     * Thresholds relative to the customer's median gap between purchase days: sleeping after
     * {@code sleepingFactor} gaps, churned after {@code churnedFactor} gaps (at least one day
     * each). Customers with too few purchases to have a gap (for won-back, a gap other than the
     * last one) use {@code fallback}'s fixed thresholds.
     */
    static LifecyclePolicy relative(double sleepingFactor, double churnedFactor, LifecyclePolicy fallback) {
        Objects.requireNonNull(fallback, "fallback");
        if (!(fallback instanceof FixedPolicy f)) {
            throw new IllegalArgumentException("fallback must be a fixed policy");
        }
        return new RelativePolicy(sleepingFactor, churnedFactor, f);
    }
}
