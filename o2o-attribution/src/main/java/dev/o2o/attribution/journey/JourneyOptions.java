package dev.o2o.attribution.journey;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How touchpoints are cut into journeys.
 *
 * @param lookback   only touches at most this long before a conversion belong to its journey; a non-converting
 *                   journey spans at most this long from its first touch (30 days by default)
 * @param inactivity when present, a gap between consecutive events longer than this ends a journey
 *
 * <p>Immutable and thread-safe.
 */
public record JourneyOptions(Duration lookback, Optional<Duration> inactivity) {

    /** Validates the options. */
    public JourneyOptions {
        Objects.requireNonNull(lookback, "lookback");
        Objects.requireNonNull(inactivity, "inactivity");
        if (lookback.isNegative() || lookback.isZero()) {
            throw new IllegalArgumentException("lookback must be positive: " + lookback);
        }
        inactivity.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("inactivity must be positive: " + d);
            }
        });
    }

    /** A 30-day lookback and no inactivity cut. */
    public static JourneyOptions defaults() {
        return new JourneyOptions(Duration.ofDays(30), Optional.empty());
    }

    /** These options with another lookback window. */
    public JourneyOptions withLookback(Duration lookback) {
        return new JourneyOptions(lookback, inactivity);
    }

    /** These options ending journeys after {@code gap} without events. */
    public JourneyOptions withInactivity(Duration gap) {
        return new JourneyOptions(lookback, Optional.of(gap));
    }
}
