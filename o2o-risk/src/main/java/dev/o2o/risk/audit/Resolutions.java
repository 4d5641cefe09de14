package dev.o2o.risk.audit;

import dev.o2o.core.Ids;
import dev.o2o.risk.RiskEvent;
import java.time.Instant;
import java.util.Objects;

/** The rules both stores apply to a resolution and to the instants they keep, so that they answer alike. Stateless. */
final class Resolutions {
    private Resolutions() {
    }

    static void checkTarget(DecisionStatus to, String operator, Instant at) {
        Objects.requireNonNull(to, "to");
        Ids.requireId(operator, "operator");
        requireStorable(at, "a resolution");
        if (to != DecisionStatus.RELEASED && to != DecisionStatus.CONFIRMED) {
            throw new IllegalArgumentException("a decision is resolved as RELEASED or CONFIRMED, not " + to);
        }
    }

    /**
     * Refuses an instant outside the years 0000 to 9999, naming {@code what} it is the instant of:
     * the stores keep milliseconds since the epoch, and an instant far enough out once failed inside
     * them with 'long overflow' (or was kept by the in-memory store only).
     */
    static void requireStorable(Instant at, String what) {
        Objects.requireNonNull(at, "at");
        if (!RiskEvent.inCountableYears(at)) {
            throw new IllegalArgumentException("at of " + what + " must lie in the years 0000 to 9999: " + at);
        }
    }

    /** The answer for a decision that is not OPEN: itself if already {@code to}, otherwise a refusal. */
    static DecisionRecord alreadyResolved(DecisionRecord current, DecisionStatus to) {
        if (current.status() == to) {
            return current;
        }
        throw new IllegalStateException("decision " + current.id() + " is " + current.status() + ", cannot become " + to);
    }
}
