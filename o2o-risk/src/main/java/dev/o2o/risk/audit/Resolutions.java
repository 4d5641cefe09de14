package dev.o2o.risk.audit;

import dev.o2o.core.Ids;

import java.time.Instant;
import java.util.Objects;

/** The rule both stores apply to a resolution, so that they answer alike. Stateless. */
final class Resolutions {
    private Resolutions() {
    }

    static void checkTarget(DecisionStatus to, String operator, Instant at) {
        Objects.requireNonNull(to, "to");
        Ids.requireId(operator, "operator");
        Objects.requireNonNull(at, "at");
        if (to != DecisionStatus.RELEASED && to != DecisionStatus.CONFIRMED) {
            throw new IllegalArgumentException("a decision is resolved as RELEASED or CONFIRMED, not " + to);
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
