package dev.o2o.risk.eval;

import dev.o2o.risk.RiskEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * A simulated event with its label: the abuse pattern it belongs to, empty for ordinary traffic.
 *
 * <p>Immutable and thread-safe.
 *
 * @param event   the event
 * @param pattern the injected pattern, if any
 */
public record LabelledEvent(RiskEvent event, Optional<Pattern> pattern) {
    public LabelledEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(pattern, "pattern");
    }
}
