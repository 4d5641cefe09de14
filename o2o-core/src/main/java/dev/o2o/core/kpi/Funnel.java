package dev.o2o.core.kpi;

import dev.o2o.core.Touchpoint;
import dev.o2o.core.TouchpointType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A funnel over an ordered list of event types, for example VISIT, ADD_TO_CART, COUPON_REDEEMED.
 * A customer reaches step k if the journey holds events of steps 0..k in that order in time
 * (other events may come between; ties in time keep the given order). Step conversion is
 * reached(k) / reached(k-1), overall conversion reached(k) / entrants, both with Wilson
 * intervals.
 *
 * <p>Per-customer work is {@link #stepsReached}; the counts it yields add up across partitions,
 * and {@link #result(long, long[])} turns summed counts into the result.
 *
 * <p>Immutable and thread-safe.
 */
public final class Funnel {

    private final List<TouchpointType> steps;

    private Funnel(List<TouchpointType> steps) {
        this.steps = steps;
    }

    /**
     * A funnel of these steps (a type may repeat, meaning "did it again").
     *
     * @throws IllegalArgumentException if there is no step
     */
    public static Funnel of(List<TouchpointType> steps) {
        List<TouchpointType> copy = List.copyOf(Objects.requireNonNull(steps, "steps"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a funnel needs at least one step");
        }
        return new Funnel(copy);
    }

    /** A funnel of these steps. */
    public static Funnel of(TouchpointType... steps) {
        return of(List.of(steps));
    }

    public List<TouchpointType> steps() {
        return steps;
    }

    /** How many steps one customer's journey reached, 0..steps().size(). */
    public int stepsReached(Collection<Touchpoint> journey) {
        Objects.requireNonNull(journey, "journey");
        List<Touchpoint> sorted = new ArrayList<>(journey);
        sorted.sort(Comparator.comparing(Touchpoint::instant)); // stable: ties keep their order
        int k = 0;
        for (Touchpoint t : sorted) {
            // matching each step at its earliest occurrence is optimal for an in-order subsequence
            if (k < steps.size() && t.type() == steps.get(k)) {
                k++;
            }
        }
        return k;
    }

    /** The funnel over journeys, one per customer. */
    public FunnelResult evaluate(Collection<? extends Collection<Touchpoint>> journeys) {
        Objects.requireNonNull(journeys, "journeys");
        long[] reached = new long[steps.size()];
        for (Collection<Touchpoint> journey : journeys) {
            int k = stepsReached(journey);
            for (int i = 0; i < k; i++) {
                reached[i]++;
            }
        }
        return result(journeys.size(), reached);
    }

    /**
     * The result from counts: entrants and, per step, customers who reached it.
     *
     * @throws IllegalArgumentException if the counts are not one per step or not non-increasing from entrants
     */
    public FunnelResult result(long entrants, long[] reached) {
        Objects.requireNonNull(reached, "reached");
        if (reached.length != steps.size()) {
            throw new IllegalArgumentException("need " + steps.size() + " step counts, got " + reached.length);
        }
        List<FunnelStep> out = new ArrayList<>();
        long previous = entrants;
        for (int i = 0; i < reached.length; i++) {
            if (reached[i] < 0 || reached[i] > previous) {
                throw new IllegalArgumentException("reached[" + i + "] = " + reached[i]
                        + " must be within 0.." + previous + " (the previous step)");
            }
            out.add(new FunnelStep(i, steps.get(i), reached[i], RateEstimate.wilson(reached[i], previous),
                    RateEstimate.wilson(reached[i], entrants)));
            previous = reached[i];
        }
        return new FunnelResult(entrants, out);
    }
}
