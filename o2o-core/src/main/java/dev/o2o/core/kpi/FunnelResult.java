package dev.o2o.core.kpi;

import java.util.List;
import java.util.Objects;

/**
 * Conversion through an ordered funnel: how many of the entrants reached each step.
 *
 * <p>Immutable and thread-safe.
 *
 * @param entrants customers (journeys) that entered the funnel
 * @param steps    the steps, in funnel order
 */
public record FunnelResult(long entrants, List<FunnelStep> steps) {

    public FunnelResult {
        if (entrants < 0) {
            throw new IllegalArgumentException("entrants must be >= 0: " + entrants);
        }
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    }
}
