package dev.o2o.core.kpi;

import dev.o2o.core.TouchpointType;

import java.util.Objects;

/**
 * One step of a {@link FunnelResult}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param index        0-based position in the funnel
 * @param type         the event type of the step
 * @param reached      customers who reached this step (did every step up to it, in order)
 * @param fromPrevious step conversion: reached / reached at the previous step (entrants for step 0)
 * @param fromStart    overall conversion: reached / entrants
 */
public record FunnelStep(int index, TouchpointType type, long reached, RateEstimate fromPrevious,
                         RateEstimate fromStart) {

    public FunnelStep {
        if (index < 0 || reached < 0) {
            throw new IllegalArgumentException("index and reached must be >= 0: " + index + ", " + reached);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fromPrevious, "fromPrevious");
        Objects.requireNonNull(fromStart, "fromStart");
    }
}
