package dev.o2o.segmentation.lifecycle;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;

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
